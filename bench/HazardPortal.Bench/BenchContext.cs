using System.Globalization;
using System.Text;
using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace HazardPortal.Bench;

/// <summary>What every measurement shares: connections, the fixed clock, run counts, and the report.</summary>
public sealed class BenchContext(string appConnection, string superDb, TextWriter log)
{
    private readonly DbContextOptions<AppDbContext> options = DatabaseSetup.BuildOptions(appConnection);

    public string SuperDb { get; } = superDb;

    public TextWriter Log { get; } = log;

    public int Warmup { get; init; } = 10;

    public int Runs { get; init; } = 100;

    public long HazardCount { get; set; }

    public TimeProvider Clock { get; } = new FixedClock(NationalDataset.Today);

    public List<(string Name, double Value, string Note)> Figures { get; } = [];

    public List<(string Title, string Body)> Sections { get; } = [];

    /// <summary>Reads where the portal's dashboard reads without a standby configured: on the primary.</summary>
    public ReadReplica Reads => reads ??= new ReadReplica(new DatabaseOptions { App = "unused" }, options, Clock, NullLogger<ReadReplica>.Instance);

    private ReadReplica? reads;

    public PortalDb PortalDb(AccessScope scope) =>
        new(options, new ScopeAccessor { Current = scope }, NullLogger<PortalDb>.Instance);

    public void Figure(string name, double value, string note) => Figures.Add((name, value, note));

    public void Section(string title, string body) => Sections.Add((title, body));

    public static string Format(double value) => value.ToString(value >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);

    public string Markdown(string command, string machine)
    {
        var md = new StringBuilder();
        md.AppendLine("# Performance");
        md.AppendLine();
        md.AppendLine("Written by `./portal bench` (do not edit by hand). Figures are from one run on one machine;");
        md.AppendLine("compare them as ratios within the run, not across machines.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Run at: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine("## Summary");
        md.AppendLine();
        md.AppendLine("| figure | value | what |");
        md.AppendLine("|---|---:|---|");
        foreach (var (name, value, note) in Figures)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| `{name}` | {Format(value)} | {note} |");
        }

        foreach (var (title, body) in Sections)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
            md.AppendLine();
            md.Append(body);
        }

        return md.ToString();
    }

    private sealed class FixedClock(DateOnly day) : TimeProvider
    {
        // Noon in China on the benchmark's "today".
        public override DateTimeOffset GetUtcNow() => new(day.Year, day.Month, day.Day, 4, 0, 0, TimeSpan.Zero);
    }
}
