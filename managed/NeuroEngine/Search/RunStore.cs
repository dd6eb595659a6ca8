using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace NeuroEngine.Search;

/// <summary>Status of one evaluation in a <see cref="RunStore"/>.</summary>
public enum EvaluationStatus { Running, Ok, Failed }

/// <summary>One evaluation as stored: candidate (unit cube and decoded values), objective values,
/// metrics, seed, status, error text and duration.</summary>
/// <remarks>StartedUtc / FinishedUtc: when the evaluation started and ended (null when unknown: not
/// finished, or a record built in code).</remarks>
public sealed record EvaluationRecord(long Id, int Generation, EvaluationStatus Status, double[] Unit, double[] Parameters,
    double[] Objectives, IReadOnlyDictionary<string, double> Metrics, ulong Seed, string? Error, double DurationSeconds,
    DateTime? StartedUtc = null, DateTime? FinishedUtc = null);

/// <summary>The database under a search run (docs/search.md: DIR/run.sqlite): one row per
/// evaluation, written when it starts (status running) and again when it completes, in WAL mode with
/// synchronous=NORMAL (every committed write survives the process being killed, kill -9 included; only
/// an operating-system crash or power loss can take the last commits), so a killed process loses at most
/// the evaluations in flight; the run's
/// config; and a row per finished generation (the checkpoint: optimisers are seeded and generations
/// synchronous, so replaying the stored values through a fresh optimiser restores its exact state,
/// see <see cref="SearchRun"/>).</summary>
public sealed class RunStore : IDisposable
{
    public const string FileName = "run.sqlite";
    private readonly SqliteConnection _connection;

    public string Path { get; }

    private RunStore(string path, SqliteConnection connection) { Path = path; _connection = connection; }

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>.</summary>
    public static RunStore Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var store = new RunStore(path, connection);
        store.Execute("PRAGMA journal_mode=WAL;");
        store.Execute("PRAGMA synchronous=NORMAL;");
        store.Execute("""
            CREATE TABLE IF NOT EXISTS config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS evaluations (
                id INTEGER PRIMARY KEY, generation INTEGER NOT NULL, status TEXT NOT NULL,
                unit TEXT NOT NULL, parameters TEXT NOT NULL, objectives TEXT, metrics TEXT,
                seed INTEGER NOT NULL, error TEXT, duration_s REAL, started_utc TEXT NOT NULL, finished_utc TEXT);
            CREATE TABLE IF NOT EXISTS generations (generation INTEGER PRIMARY KEY, evaluations INTEGER NOT NULL, best REAL, finished_utc TEXT NOT NULL);
            """);
        return store;
    }

    // statements kept prepared: a search writes two rows per evaluation, and preparing them each time
    // cost about as much as the writes
    private readonly Dictionary<string, SqliteCommand> _prepared = [];

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            _prepared[sql] = command;
        }
        foreach (var (name, value) in parameters) command.Parameters[name].Value = value ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    // metrics may be NaN (e.g. a CV without neurons of 3 spikes): written as "NaN"
    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);
    private static string Now() => Time(DateTime.UtcNow);
    private static string Time(DateTime utc) => utc.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
    private static DateTime? ParseTime(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null
        : DateTime.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();

    /// <summary>Sets a config entry (e.g. the run's YAML, so <c>--resume</c> can check it is the same run).</summary>
    public void SetConfig(string key, string value) =>
        Execute("INSERT INTO config (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = $v", ("$k", key), ("$v", value));

    public string? GetConfig(string key)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM config WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Stores the run's parameter space (config key <c>space</c>), so that stores can be read
    /// without the config's files (names, bounds, categories).</summary>
    public void SetSpace(ParameterSpace space) =>
        SetConfig("space", JsonSerializer.Serialize(space.Parameters, SpaceJson));

    /// <summary>The stored parameter space, or null if none was stored.</summary>
    public ParameterSpace? GetSpace() =>
        GetConfig("space") is { } json ? new ParameterSpace(JsonSerializer.Deserialize<SearchParameter[]>(json, SpaceJson)!) : null;

    private static readonly JsonSerializerOptions SpaceJson = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Records that a generation's evaluations started, in one transaction.</summary>
    public void BeginAll(IEnumerable<Candidate> candidates)
    {
        Execute("BEGIN");
        try
        {
            foreach (var c in candidates) Begin(c.Id, c.Generation, c.Unit, c.Parameters, c.Seed);
            Execute("COMMIT");
        }
        catch
        {
            Execute("ROLLBACK");
            throw;
        }
    }

    /// <summary>Records that evaluation <paramref name="id"/> started (replacing a stale running row of a killed run).</summary>
    public void Begin(long id, int generation, double[] unit, double[] parameters, ulong seed) =>
        Execute("""
            INSERT INTO evaluations (id, generation, status, unit, parameters, seed, started_utc) VALUES ($id, $g, 'running', $u, $p, $s, $t)
            ON CONFLICT(id) DO UPDATE SET status = 'running', unit = $u, parameters = $p, seed = $s, started_utc = $t, error = NULL, objectives = NULL
            """, ("$id", id), ("$g", generation), ("$u", Json(unit)), ("$p", Json(parameters)), ("$s", (long)seed), ("$t", Now()));

    /// <summary>Records a finished evaluation (<paramref name="seedUsed"/>: the seed the simulation
    /// really drew from, when a batched generation drew from another candidate's).</summary>
    public void Complete(long id, double[] objectives, IReadOnlyDictionary<string, double>? metrics, double seconds, ulong? seedUsed = null) =>
        Execute("UPDATE evaluations SET status = 'ok', objectives = $o, metrics = $m, duration_s = $d, finished_utc = $t, seed = COALESCE($s, seed) WHERE id = $id",
            ("$id", id), ("$o", Json(objectives.Select(v => double.IsFinite(v) ? v : (double?)null))), ("$m", Json(metrics ?? new Dictionary<string, double>())),
            ("$d", seconds), ("$t", Now()), ("$s", seedUsed is { } s ? (long)s : null));

    /// <summary>Copies a finished evaluation of another store (runs merge); an id already here is an error.</summary>
    public void Insert(EvaluationRecord e)
    {
        try
        {
            Execute("""
                INSERT INTO evaluations (id, generation, status, unit, parameters, objectives, metrics, seed, error, duration_s, started_utc, finished_utc)
                VALUES ($id, $g, $st, $u, $p, $o, $m, $s, $e, $d, $t0, $t1)
                """, ("$id", e.Id), ("$g", e.Generation), ("$st", e.Status switch { EvaluationStatus.Ok => "ok", EvaluationStatus.Failed => "failed", _ => "running" }),
                ("$u", Json(e.Unit)), ("$p", Json(e.Parameters)), ("$o", e.Status == EvaluationStatus.Ok ? Json(e.Objectives.Select(v => double.IsFinite(v) ? v : (double?)null)) : null),
                ("$m", Json(e.Metrics)), ("$s", (long)e.Seed), ("$e", e.Error), ("$d", e.DurationSeconds),
                // the source's times, so that a merged store keeps the run's wall time
                ("$t0", e.StartedUtc is { } t0 ? Time(t0) : Now()), ("$t1", e.FinishedUtc is { } t1 ? Time(t1) : e.StartedUtc is null ? Now() : null));
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19) // constraint: the id exists
        {
            throw new InvalidOperationException($"{Path}: evaluation {e.Id} exists already (the stores overlap)", ex);
        }
    }

    /// <summary>Records a failed evaluation (kept, with its error text; the optimiser sees it as worst).</summary>
    public void Fail(long id, string error, double seconds) =>
        Execute("UPDATE evaluations SET status = 'failed', error = $e, duration_s = $d, finished_utc = $t WHERE id = $id",
            ("$id", id), ("$e", error), ("$d", seconds), ("$t", Now()));

    /// <summary>Marks a generation finished (its optimiser step was taken).</summary>
    public void FinishGeneration(int generation, int evaluations, double best) =>
        Execute("INSERT OR REPLACE INTO generations (generation, evaluations, best, finished_utc) VALUES ($g, $n, $b, $t)",
            ("$g", generation), ("$n", evaluations), ("$b", double.IsFinite(best) ? best : null), ("$t", Now()));

    /// <summary>Generations finished so far.</summary>
    public int FinishedGenerations()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM generations";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The finished generations: number, evaluations done after it and the best value (NaN if none).</summary>
    public List<(int Generation, int Evaluations, double Best)> Generations()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT generation, evaluations, best FROM generations ORDER BY generation";
        using var reader = command.ExecuteReader();
        var list = new List<(int, int, double)>();
        while (reader.Read()) list.Add((reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2)));
        return list;
    }

    /// <summary>Every evaluation, by id.</summary>
    public List<EvaluationRecord> Evaluations()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, generation, status, unit, parameters, objectives, metrics, seed, error, duration_s, started_utc, finished_utc FROM evaluations ORDER BY id";
        using var reader = command.ExecuteReader();
        var list = new List<EvaluationRecord>();
        while (reader.Read())
        {
            var status = reader.GetString(2) switch { "ok" => EvaluationStatus.Ok, "failed" => EvaluationStatus.Failed, _ => EvaluationStatus.Running };
            double[] objectives = reader.IsDBNull(5) ? [] : JsonSerializer.Deserialize<double?[]>(reader.GetString(5))!.Select(v => v ?? double.NaN).ToArray();
            var metrics = reader.IsDBNull(6) ? new Dictionary<string, double>() : JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(6), JsonOptions)!;
            list.Add(new EvaluationRecord(reader.GetInt64(0), reader.GetInt32(1), status, JsonSerializer.Deserialize<double[]>(reader.GetString(3))!,
                JsonSerializer.Deserialize<double[]>(reader.GetString(4))!, objectives, metrics, (ulong)reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? 0 : reader.GetDouble(9),
                ParseTime(reader, 10), status == EvaluationStatus.Running ? null : ParseTime(reader, 11)));
        }
        return list;
    }

    /// <summary>The finished evaluation with the lowest first objective (null if none finished).</summary>
    public EvaluationRecord? Best() => BestOf(Evaluations());

    /// <summary>The finished evaluation with the lowest first objective among <paramref name="evaluations"/>.</summary>
    public static EvaluationRecord? BestOf(IEnumerable<EvaluationRecord> evaluations) =>
        evaluations.Where(e => e.Status == EvaluationStatus.Ok && e.Objectives.Length > 0 && double.IsFinite(e.Objectives[0]))
            .OrderBy(e => e.Objectives[0]).ThenBy(e => e.Id).FirstOrDefault();

    /// <summary>The non-dominated finished evaluations (all objectives minimised), by id.</summary>
    public List<EvaluationRecord> Front() => FrontOf(Evaluations());

    /// <summary>The non-dominated finished evaluations among <paramref name="evaluations"/>, by id.</summary>
    public static List<EvaluationRecord> FrontOf(IEnumerable<EvaluationRecord> evaluations)
    {
        var ok = evaluations.Where(e => e.Status == EvaluationStatus.Ok && e.Objectives.Length > 0 && e.Objectives.All(double.IsFinite)).ToList();
        if (ok.Count == 0) return ok;
        return ParetoFront.Sort(ok.Select(e => e.Objectives).ToList())[0].Order().Select(i => ok[i]).ToList();
    }

    /// <summary>Writes the finished evaluations as CSV (docs/search.md): header
    /// <c>id,generation,status,objective_0..,&lt;parameter names&gt;,&lt;metric names&gt;</c>; failed
    /// evaluations have empty objectives and metrics.</summary>
    public void ExportCsv(TextWriter writer, IReadOnlyList<string> parameterNames) => ExportCsv(writer, parameterNames, null);

    /// <summary>As <see cref="ExportCsv(TextWriter, IReadOnlyList{string})"/>, parameter values written by the
    /// space's parameters (categories by name).</summary>
    public void ExportCsv(TextWriter writer, ParameterSpace space) => ExportCsv(writer, space.Names.ToList(), space);

    private void ExportCsv(TextWriter writer, IReadOnlyList<string> parameterNames, ParameterSpace? space)
    {
        var rows = Evaluations().Where(e => e.Status != EvaluationStatus.Running).ToList();
        int objectives = rows.Select(e => e.Objectives.Length).DefaultIfEmpty(1).Max();
        var metricNames = rows.SelectMany(e => e.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        using var csv = new IO.CsvTableWriter(writer,
            ["id", "generation", "status", .. Enumerable.Range(0, objectives).Select(k => $"objective_{k}"), .. parameterNames, .. metricNames]);
        foreach (var e in rows)
        {
            if (e.Parameters.Length != parameterNames.Count)
                throw new InvalidOperationException($"{Path}: evaluation {e.Id} has {e.Parameters.Length} parameters, {parameterNames.Count} names were given");
            csv.Field(e.Id).Field(e.Generation).Field(e.Status == EvaluationStatus.Ok ? "ok" : "failed");
            for (int k = 0; k < objectives; k++) csv.Field(k < e.Objectives.Length ? e.Objectives[k] : double.NaN);
            for (int j = 0; j < e.Parameters.Length; j++)
                if (space is null) csv.Field(e.Parameters[j]); else csv.Field(space.Parameters[j].Format(e.Parameters[j]));
            foreach (var m in metricNames) csv.Field(e.Metrics.TryGetValue(m, out double v) ? v : double.NaN);
            csv.EndRow();
        }
    }

    public void Dispose()
    {
        foreach (var command in _prepared.Values) command.Dispose();
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
