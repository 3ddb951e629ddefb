using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Shared;

/// <summary>A view's jurisdiction: the one asked for, or the signed-in unit's own, looked up under the caller's scope.</summary>
public static class Nodes
{
    public sealed record Node(string Code, string Name, string Path)
    {
        /// <summary>1 全国, 2 省, 3 市, 4 县, 5 乡镇.</summary>
        public int Depth => JurisdictionPath.Depth(Path);
    }

    /// <summary>The code asked for, or the scope's own node.</summary>
    public static string CodeOr(AccessScope scope, string? unit) => string.IsNullOrWhiteSpace(unit) ? scope.OwnCode! : unit;

    /// <summary>The node, or null when it does not exist or lies outside the caller's scope.</summary>
    public static async Task<Node?> FindAsync(AppDbContext db, string code, CancellationToken ct) =>
        await db.Jurisdictions.AsNoTracking().Where(j => j.Code == code).Select(j => new Node(j.Code, j.Name, j.Path.ToString())).SingleOrDefaultAsync(ct);
}
