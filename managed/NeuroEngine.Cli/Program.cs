Console.WriteLine($"neuroengine {NeuroEngine.EngineInfo.ManagedVersion} (native {NeuroEngine.EngineInfo.NativeVersion}; {NeuroEngine.EngineInfo.BuildInfo})");
