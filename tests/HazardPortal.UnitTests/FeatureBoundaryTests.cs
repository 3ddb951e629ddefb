using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace HazardPortal.UnitTests;

/// <summary>
/// Feature boundaries (issue #15 §10): a feature folder under <c>Web/Features</c> uses Core, <c>Features/Shared</c> (the
/// shared kernel: the dispatch reference, issue recipients, record links, unit accounts, form drafts, print setup …)
/// and itself — not another feature's folder. Only the composition root (<c>FeatureRegistration.cs</c>,
/// <c>_Imports.razor</c>) sits at the top. The imports still crossing are listed below with the file that makes
/// them; the list may only shrink: a new crossing fails, and so does a listed one that is gone (delete its line).
/// </summary>
public partial class FeatureBoundaryTests
{
    /// <summary>Crossings left to remove (issue #15 §10 stays open while this list is not empty).</summary>
    private static readonly HashSet<string> Remaining =
    [
        "Admin -> Enterprises (AdminEnterprises.razor)",
        "Dispatch -> Ledger (DispatchHome.razor)",
        "Home -> Account (Home.razor)",
        "Home -> Records (EnterpriseToDo.cs)",
        "Ledger -> Records (RegisterHazardPage.razor)",
        "Office -> Campaigns (OfficeMonth.cs)",
        "Office -> Dispatch (OfficeMonth.cs)",
        "Office -> Dispatch (OfficeMonthPage.razor)",
        "Records -> Ledger (PublicReportQueue.razor)",
        "Records -> Ledger (PublicReports.cs)",
    ];

    [GeneratedRegex(@"HazardPortal\.Web\.Features\.([A-Za-z]+)")]
    private static partial Regex FeatureReference();

    private static string FeaturesDirectory([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "src", "HazardPortal.Web", "Features"));

    [Fact]
    public void No_feature_imports_another_feature_s_folder_beyond_the_listed_remainder()
    {
        var root = FeaturesDirectory();
        var crossings = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            if (relative.Length == 1)
            {
                Assert.Contains(relative[0], new[] { "FeatureRegistration.cs", "_Imports.razor" }); // no loose feature files at the top
                continue;
            }

            if (relative[0] is "bin" or "obj")
            {
                continue;
            }

            foreach (var target in FeatureReference().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).Distinct())
            {
                if (target != relative[0] && target != "Shared")
                {
                    crossings.Add($"{relative[0]} -> {target} ({relative[^1]})");
                }
            }
        }

        Assert.Empty(crossings.Except(Remaining)); // a new crossing: move what both need to Features/Shared or Core
        Assert.Empty(Remaining.Except(crossings)); // a listed crossing is gone: delete its line
    }
}
