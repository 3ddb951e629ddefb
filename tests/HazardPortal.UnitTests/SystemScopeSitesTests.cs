using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace HazardPortal.UnitTests;

/// <summary>
/// System scope only where the rules allow it (issue #15 §6): the whole-tree scope is for jobs and the public-report
/// intake. This test reads the sources and lists every place that opens it; each allowed one is named with its reason (a
/// new site fails, and so does a listed one that is gone — delete its line). What a request path needs from outside its
/// user's subtree is read through the narrow functions of migration NarrowSystemReads.
/// </summary>
public partial class SystemScopeSitesTests
{
    /// <summary>Allowed: jobs and the anonymous public intake.</summary>
    private static readonly HashSet<string> Allowed =
    [
        "Features/Notifications/EscalationJob.cs: Name", // the escalation job, once across instances
        "Features/Audit/AuditSealer.cs: audit-seal", // the audit chain's sealing job
        "Features/Records/PublicIntake.cs: public-intake", // an anonymous report finds its county and township
        "Features/Records/PublicIntake.cs: public-lookup", // an anonymous reporter reads the status by query code
    ];

    [GeneratedRegex(@"OpenSystem\(""?([A-Za-z-]+)""?\)")]
    private static partial Regex Opening();

    private static string Sources([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "src"));

    [Fact]
    public void The_system_scope_is_opened_only_at_the_listed_sites()
    {
        var root = Sources();
        var sites = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            relative = relative[(relative.IndexOf('/', StringComparison.Ordinal) + 1)..]; // without the project folder
            foreach (Match m in Opening().Matches(File.ReadAllText(file)))
            {
                if (!m.Value.Contains("string", StringComparison.Ordinal))
                {
                    sites.Add($"{relative}: {m.Groups[1].Value}");
                }
            }
        }

        Assert.Empty(sites.Except(Allowed)); // a new site: use the caller's scope, a unique index or a narrow function (migration NarrowSystemReads)
        Assert.Empty(Allowed.Except(sites)); // a listed site is gone: delete its line
    }
}
