using System.Globalization;
using HazardPortal.Bench;
using HazardPortal.Core.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// ./portal bench [--scale 1] [--regenerate] [--generate-only] [--runs 100] [--report docs/perf.md] [--no-load] [--only ledger|dispatch|load|memory|failover]
// (--only failover runs on the cluster's formation, against a demo database of its own, and writes docs/perf-failover.md.)
// Connection strings come from the portal script's environment (Database__Admin/Owner/App).
if (args.Length > 0 && args[0] == "--load-client")
{
    return await LoadTest.ClientMainAsync(args);
}

var scale = 1.0;
var load = true;
var only = "all";
var regenerate = false;
var runs = 100;
var report = "docs/perf.md";
var generateOnly = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--scale": scale = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--regenerate": regenerate = true; break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--report": report = args[++i]; break;
        case "--generate-only": generateOnly = true; break;
        case "--no-load": load = false; break;
        case "--only": only = args[++i]; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

string Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : throw new InvalidOperationException($"{name} is not set (run through ./portal bench)");
var options = new DatabaseOptions { Admin = Env("Database__Admin"), Owner = Env("Database__Owner"), App = Env("Database__App"), SeedDemo = true };
var database = new NpgsqlConnectionStringBuilder(options.Owner).Database!;
var superDb = new NpgsqlConnectionStringBuilder(options.Admin) { Database = database, Pooling = false, CommandTimeout = 0 }.ConnectionString;
var log = Console.Error;
var ct = CancellationToken.None;

if (regenerate)
{
    await using var admin = new NpgsqlConnection(options.Admin);
    await admin.OpenAsync(ct);
    await NationalDataset.ExecAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", ct);
    log.WriteLine($"dropped {database}");
}

await DatabaseSetup.RunAsync(options, NullLogger.Instance, ct);
if (only == "failover")
{
    var cluster = new FailoverBenchmark.Cluster(Env("Cluster__Dir"), Env("Cluster__PgBin"), Env("Cluster__Haproxy"), options.Admin, Env("Cluster__Reads"));
    var drills = new BenchContext(options.App, superDb, log);
    var web = Path.GetFullPath("src/HazardPortal.Web/bin/Release/net10.0/HazardPortal.Web.dll");
    await new FailoverBenchmark(drills, options.App, web, cluster).RunAsync(ct);
    var written = Write(drills, report == "docs/perf.md" ? "docs/perf-failover.md" : report);
    ReplaceFailoverSection("docs/perf.md");
    return written;
}

// The real division tree first (the dataset's enterprises live in its townships), imported as the portal does at start-up.
var context = new BenchContext(options.App, superDb, log) { Runs = runs, Warmup = Math.Max(3, runs / 10) };
await DivisionBenchmark.RunAsync(context, options.Owner, Path.GetFullPath("data/divisions"), ct);
var dataset = new NationalDataset(superDb, scale, log);
await dataset.EnsureAsync(ct);
await new RecordsDataset(superDb, scale, log).EnsureAsync(ct);
if (generateOnly)
{
    return 0;
}

await using (var conn = new NpgsqlConnection(superDb))
{
    await conn.OpenAsync(ct);
    context.HazardCount = await NationalDataset.ScalarAsync<long>(conn, "SELECT count(*) FROM hazards", ct);
    context.Figure("dataset_hazards", context.HazardCount, "hazards in the dataset");
    context.Figure("dataset_enterprises", await NationalDataset.ScalarAsync<long>(conn, "SELECT count(*) FROM enterprises", ct), "enterprises");
    context.Figure("dataset_townships", await NationalDataset.ScalarAsync<long>(conn, "SELECT count(*) FROM jurisdictions WHERE level = 'Township'", ct), "townships");
    context.Figure("dataset_counties", await NationalDataset.ScalarAsync<long>(conn, "SELECT count(*) FROM jurisdictions WHERE level = 'County'", ct), "counties");
}

if (only is "all" or "ledger")
{
    await new LedgerBenchmark(context).RunAsync(ct);
}

var dispatchSetup = await DispatchBenchmark.PrepareAsync(context, ct);
if (only is "all" or "dispatch")
{
    await new DispatchBenchmark(context).RunAsync(dispatchSetup, ct);
}

if (load && only is "all" or "load")
{
    var webDll = Path.GetFullPath("src/HazardPortal.Web/bin/Release/net10.0/HazardPortal.Web.dll");
    await new LoadTest(context, options.App, webDll).RunAsync(ct);
}

if (load && only is "all" or "memory")
{
    var webDll = Path.GetFullPath("src/HazardPortal.Web/bin/Release/net10.0/HazardPortal.Web.dll");
    await new CircuitMemory(context, options.App, webDll).RunAsync(dispatchSetup, ct);
}

context.Section("Failover drills (#18)", FailoverFigures());
return Write(context, report);

// The drills' figures as their last run wrote them (they need the cluster, so they run apart).
static string FailoverFigures()
{
    var intro = "The drills on the cluster — the primary killed at 100 submissions per second, a portal node killed (the API alone, then with 50 browser sessions), the standby stopped, one node beside two — run apart, on the cluster's formation: `./portal bench --only failover` writes `docs/perf-failover.md` (the whole report).";
    const string file = "docs/perf-failover.md";
    if (!File.Exists(file))
    {
        return intro + " It has not been run on this machine yet.\n";
    }

    var lines = File.ReadAllLines(file);
    var ranAt = lines.FirstOrDefault(l => l.StartsWith("- Run at:", StringComparison.Ordinal))?[2..] ?? "Run at: unknown";
    var table = lines.SkipWhile(l => !l.StartsWith("| figure", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|')).ToList();
    return $"{intro} Its figures, from that file ({ranAt}):\n\n{string.Join('\n', table)}\n";
}

// docs/perf.md's failover section, brought up to date after the drills ran (the rest of the file is the full run's).
static void ReplaceFailoverSection(string file)
{
    const string heading = "## Failover drills (#18)";
    if (!File.Exists(file))
    {
        return;
    }

    var lines = File.ReadAllLines(file).ToList();
    var start = lines.IndexOf(heading);
    if (start < 0)
    {
        return;
    }

    var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
    lines.RemoveRange(start, (end < 0 ? lines.Count : end) - start);
    lines.InsertRange(start, [heading, string.Empty, .. FailoverFigures().TrimEnd('\n').Split('\n'), string.Empty]);
    File.WriteAllText(file, string.Join('\n', lines).TrimEnd('\n') + "\n");
}

int Write(BenchContext results, string file)
{
    var command = "./portal bench" + (args.Length > 0 ? " " + string.Join(' ', args) : string.Empty);
    var machine = $"{Environment.ProcessorCount} cores, {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9)} GB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    File.WriteAllText(file, results.Markdown(command, machine));
    foreach (var (name, value, _) in results.Figures)
    {
        Console.WriteLine($"{name}: {BenchContext.Format(value)}");
    }

    log.WriteLine($"report written to {file}");
    return 0;
}
