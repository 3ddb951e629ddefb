using HazardPortal.Core;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Shared;

/// <summary>The enterprise list and detail, limited by the tenant filter to the caller's scope.</summary>
public sealed class EnterpriseQueries(PortalDb portalDb)
{
    public const int MaxPageSize = 200;

    public sealed record ListQuery(string? Jurisdiction, string? Q, int Page = 1, int PageSize = 20);

    public sealed record Item(Guid Id, string Name, string Uscc, string JurisdictionCode, string JurisdictionName, string SectorCode, string SectorName, bool HighRisk, string SupervisingLevel, string? Address,
        Guid? ParkId = null, bool AccidentProne = false, string? LegalRepresentative = null, string? ContactPhone = null);

    public sealed record Page(List<Item> Items, int Total);

    public async Task<Result<Page>> ListAsync(ListQuery query, CancellationToken ct = default)
    {
        if (query.Page < 1 || query.PageSize is < 1 or > MaxPageSize)
        {
            return Error.Invalid("pageSize", $"页码须从1开始，每页1到{MaxPageSize}条");
        }

        await using var db = portalDb.Open();
        var enterprises = db.Enterprises.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Jurisdiction))
        {
            var node = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == query.Jurisdiction).Select(j => (LTree?)j.Path).SingleOrDefaultAsync(ct);
            if (node is not { } path)
            {
                return Error.NotFound("行政区划");
            }

            enterprises = enterprises.Where(e => e.Path.IsDescendantOf(path));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            var code = q.ToUpperInvariant();
            enterprises = enterprises.Where(e => e.Name.Contains(q) || e.Uscc.StartsWith(code));
        }

        var total = await enterprises.CountAsync(ct);
        var items = await Project(db, enterprises.OrderBy(e => e.Name).ThenBy(e => e.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)).ToListAsync(ct);
        return new Page(items, total);
    }

    public async Task<Result<Item>> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var item = await Project(db, db.Enterprises.AsNoTracking().Where(e => e.Id == id)).SingleOrDefaultAsync(ct);
        return item is null ? Error.NotFound("企业") : item;
    }

    private static IQueryable<Item> Project(AppDbContext db, IQueryable<Enterprise> query) =>
        query.Select(e => new Item(
            e.Id,
            e.Name,
            e.Uscc,
            e.JurisdictionCode,
            db.Jurisdictions.Where(j => j.Code == e.JurisdictionCode).Select(j => j.Name).FirstOrDefault() ?? e.JurisdictionCode,
            e.SectorCode,
            db.Sectors.Where(s => s.Code == e.SectorCode).Select(s => s.Name).First(),
            e.HighRisk,
            e.SupervisingLevel.ToString(),
            e.Address,
            e.ParkId,
            e.AccidentProne,
            e.LegalRepresentative,
            e.ContactPhone));
}
