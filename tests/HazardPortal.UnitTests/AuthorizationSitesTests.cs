using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace HazardPortal.UnitTests;

/// <summary>
/// Authorization in one place (issue #15 §1). A role is asked only by the rules of <c>Core/Authorization</c>
/// (<c>AccessScope.HasRole</c> is internal to Core, so the compiler already refuses it elsewhere); this test reads the
/// sources for the other ways a page or endpoint could ask a role itself — <c>IsInRole</c>, <c>RequireRole</c>,
/// <c>[Authorize(Roles = …)]</c>, <c>Roles.Contains</c> — and for a jurisdiction path taken apart by hand instead of
/// through <c>JurisdictionPath</c>.
/// </summary>
public partial class AuthorizationSitesTests
{
    /// <summary>Files that may name roles in these ways, with the reason.</summary>
    private static readonly Dictionary<string, string> Exempt = new()
    {
        ["HazardPortal.Core/Authorization/"] = "the rules themselves",
        ["HazardPortal.Core/Tenancy/AccessScope.cs"] = "builds the scope from the roles",
        ["HazardPortal.Core/Identity/"] = "role bindings and the sign-in's MFA policy",
        ["HazardPortal.Core/Hazards/Hazard.cs"] = "HazardActor carries the roles to HazardRules",
        ["HazardPortal.Core/Demo/"] = "the demo's people, chosen by their roles",
        ["HazardPortal.Web/Features/Home/Home.razor"] = "the workbench's title and shortcuts per role: words, not permissions",
    };

    [GeneratedRegex(@"\.IsInRole\(|RequireRole\(|Authorize\(Roles|\bRoles\.(Contains|Any)\((Core\.Identity\.)?Roles\.|\bHas\((Core\.Identity\.)?Roles\.")]
    private static partial Regex RoleCheck();

    [GeneratedRegex(@"Split\('\.'\)")]
    private static partial Regex PathSplit();

    private static string Sources([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "src"));

    private static IEnumerable<(string Relative, string Text)> Files()
    {
        var root = Sources();
        var obj = $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}";
        var bin = $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}";
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)) && !f.Contains(obj, StringComparison.Ordinal) && !f.Contains(bin, StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(f)));
    }

    [Fact]
    public void No_page_service_or_endpoint_asks_a_role_itself()
    {
        var sites = Files()
            .Where(f => !Exempt.Keys.Any(e => f.Relative.StartsWith(e, StringComparison.Ordinal)))
            .SelectMany(f => RoleCheck().Matches(f.Text).Select(m => $"{f.Relative}: {m.Value}"))
            .ToList();
        Assert.Empty(sites); // ask a rule of Core/Authorization (or a named policy of AuthSetup) instead
    }

    [Fact]
    public void A_jurisdiction_path_is_taken_apart_only_by_JurisdictionPath()
    {
        var sites = Files()
            .Where(f => f.Relative != "HazardPortal.Core/Tenancy/JurisdictionPath.cs")
            .SelectMany(f => PathSplit().Matches(f.Text).Select(m => f.Relative))
            .ToList();
        Assert.Empty(sites); // use JurisdictionPath (Code, ParentCode, Level, Labels) or AccessScope (OwnCode, ParentCode, Level)
    }

    [Fact]
    public void The_test_finds_what_it_looks_for()
    {
        Assert.Matches(RoleCheck(), "if (user.IsInRole(Roles.SafetyOffice))");
        Assert.Matches(RoleCheck(), "@attribute [Authorize(Roles = Roles.Auditor)]");
        Assert.Matches(RoleCheck(), "p.RequireRole(Roles.SystemAdmin)");
        Assert.Matches(RoleCheck(), "user.Roles.Contains(Roles.TownshipCadre)");
        Assert.Matches(RoleCheck(), "actor.Has(Core.Identity.Roles.DepartmentInspector)");
        Assert.DoesNotMatch(RoleCheck(), "command.Roles.Any(string.IsNullOrWhiteSpace)");
        Assert.Matches(PathSplit(), "scope.Path!.Split('.')[^1]");
        Assert.Contains(Files(), f => f.Relative == "HazardPortal.Core/Tenancy/JurisdictionPath.cs" && PathSplit().IsMatch(f.Text));
    }
}
