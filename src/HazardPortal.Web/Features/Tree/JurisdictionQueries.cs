using HazardPortal.Core;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Tree;

/// <summary>Reading the jurisdiction tree; the tenant filter decides what exists for the caller.</summary>
public sealed class JurisdictionQueries(PortalDb portalDb)
{
    /// <param name="LevelName">The level in words (省级, 市级, 县级, 乡镇级, 村级).</param>
    /// <param name="Onboarded">The node has a unit in the portal (<see cref="Onboarding"/>): it reports, fills and receives.</param>
    /// <param name="DivisionYear">The year of the NBS list that last confirmed the node; null for a node entered by hand.</param>
    /// <param name="RetiredOn">The day a newer list no longer had the node (it stays for its records).</param>
    public sealed record Node(
        string Code, string Name, JurisdictionLevel Level, string LevelName, string? ParentCode, int ChildCount, int EnterpriseCount,
        bool Onboarded, int? DivisionYear, DateOnly? RetiredOn);

    public async Task<Result<Node>> GetAsync(string code, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var node = await Project(db, db.Jurisdictions.Where(j => j.Code == code)).SingleOrDefaultAsync(ct);
        return node is null ? Error.NotFound("行政区划") : node;
    }

    public async Task<Result<List<Node>>> ChildrenAsync(string code, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        if (!await db.Jurisdictions.AnyAsync(j => j.Code == code, ct))
        {
            return Error.NotFound("行政区划");
        }

        return await Project(db, db.Jurisdictions.Where(j => j.ParentCode == code).OrderBy(j => j.Code)).ToListAsync(ct);
    }

    /// <summary>The top of the caller's visible tree: the nodes whose parent the caller cannot see.</summary>
    public async Task<List<Node>> RootsAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var path = db.Scope.Path;
        if (path is null)
        {
            return [];
        }

        var rootCode = JurisdictionPath.Code(path);
        return await Project(db, db.Jurisdictions.Where(j => j.Code == rootCode)).ToListAsync(ct);
    }

    private static IQueryable<Node> Project(AppDbContext db, IQueryable<Jurisdiction> query) =>
        query.Select(j => new Node(
            j.Code,
            j.Name,
            j.Level,
            Jurisdiction.LevelName(j.Level),
            j.ParentCode,
            db.Jurisdictions.Count(c => c.ParentCode == j.Code),
            db.Enterprises.Count(e => e.Path.IsDescendantOf(j.Path)),
            db.Units.Any(u => u.JurisdictionCode == j.Code), // the rule of Onboarding.Onboarded, as a column
            j.DivisionYear,
            j.RetiredOn));
}
