using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace HazardPortal.UnitTests;

/// <summary>
/// Feature boundaries (issue #15 §10): a feature folder under <c>Web/Features</c> uses Core, <c>Features/Shared</c> (the
/// shared kernel: the dispatch reference, issue recipients, record links, unit accounts, form drafts, print setup …)
/// and itself — not another feature's folder. Only the composition root (<c>FeatureRegistration.cs</c>,
/// <c>_Imports.razor</c>) sits at the top and may name every feature. A page that composes several features (the
/// enterprise's to-do list, the 安委办's month) asks Shared's ports (<c>IEnterpriseToDoSource</c>, <c>IOfficeMonthSource</c>),
/// and a feature that registers a hazard asks <c>IHazardRegistrar</c>; the features implement them.
/// </summary>
public partial class FeatureBoundaryTests
{
    private static readonly string[] CompositionRoot = ["FeatureRegistration.cs", "_Imports.razor"];

    [GeneratedRegex(@"HazardPortal\.Web\.Features\.([A-Za-z]+)")]
    private static partial Regex FeatureReference();

    /// <summary>A reference relative to <c>HazardPortal.Web.Features</c> (<c>Flags.FlagFinder</c>), not a member access (<c>x.Flags</c>).</summary>
    [GeneratedRegex(@"(?<![\w.@""/])([A-Z][A-Za-z]+)\.([A-Z][A-Za-z]+)")]
    private static partial Regex RelativeReference();

    [GeneratedRegex(@"\b(?:class|record|enum|interface|struct)\s+([A-Z][A-Za-z0-9]*)")]
    private static partial Regex Declaration();

    private static string FeaturesDirectory([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "src", "HazardPortal.Web", "Features"));

    [Fact]
    public void No_feature_imports_another_feature_s_folder()
    {
        var root = FeaturesDirectory();
        var crossings = new HashSet<string>();

        // What each feature declares (types, and components by file name): Flags.FlagFinder names a type of Flags; x.Count does not.
        var features = Directory.GetDirectories(root).Select(Path.GetFileName).Where(d => d is not ("bin" or "obj")).ToHashSet()!;
        var declared = features.ToDictionary(f => f!, f => Directory.EnumerateFiles(Path.Combine(root, f!), "*.*", SearchOption.AllDirectories)
            .SelectMany(file => file.EndsWith(".razor", StringComparison.Ordinal)
                ? [Path.GetFileNameWithoutExtension(file)]
                : Declaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToHashSet());
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            if (relative.Length == 1)
            {
                Assert.Contains(relative[0], CompositionRoot); // no loose feature files at the top
                continue;
            }

            if (relative[0] is "bin" or "obj")
            {
                continue;
            }

            var text = File.ReadAllText(file);
            var targets = FeatureReference().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(RelativeReference().Matches(text).Where(m => declared.TryGetValue(m.Groups[1].Value, out var types) && types.Contains(m.Groups[2].Value)).Select(m => m.Groups[1].Value));
            foreach (var target in targets.Distinct())
            {
                if (target != relative[0] && target != "Shared")
                {
                    crossings.Add($"{relative[0]} -> {target} ({relative[^1]})");
                }
            }
        }

        Assert.Empty(crossings); // a crossing: move what both need to Features/Shared or Core, or give the feature a port there
    }
}
