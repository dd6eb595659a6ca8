# One-shot build for PowerShell users; mirrors what `dotnet build` does:
# configure and build the native library with CMake, then build the solution.
param([string]$Configuration = "Release", [switch]$Test)
$ErrorActionPreference = "Stop"
$root = $PSScriptRoot
cmake -S $root -B "$root/build/native" -DCMAKE_BUILD_TYPE=Release
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
cmake --build "$root/build/native" -j 2
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
dotnet build "$root/Engine.sln" -c $Configuration
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
if ($Test) { dotnet test "$root/Engine.sln" -c $Configuration; exit $LASTEXITCODE }
