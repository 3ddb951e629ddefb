using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>
/// Loading one hazard for the caller (the tenant filter, plus the draft rule) and turning it into
/// the DTO. Every ledger handler goes through here, so the visibility rule lives in one place.
/// </summary>
public static class HazardStore
{
    /// <summary>Hazards the caller may see: the tenant filter, and drafts only to the unit that registered them.</summary>
    public static IQueryable<Hazard> Visible(AppDbContext db, HazardActor actor)
    {
        var unit = HazardRules.ActingUnitId(actor);
        return db.Hazards.Where(h => h.Status != HazardStatus.Draft || h.RegisteredByUnitId == unit);
    }

    public static async Task<Hazard?> FindAsync(AppDbContext db, HazardActor actor, Guid id, CancellationToken ct) =>
        await Visible(db, actor).SingleOrDefaultAsync(h => h.Id == id, ct);

    /// <summary>The hazard a change is about: visible to the caller (404) and at the version the caller saw (409).</summary>
    public static async Task<Result<Hazard>> LoadForChangeAsync(AppDbContext db, HazardActor actor, Guid id, uint version, CancellationToken ct)
    {
        var hazard = await FindAsync(db, actor, id, ct);
        if (hazard is null)
        {
            return Error.NotFound("隐患");
        }

        return hazard.Version == version ? hazard : StaleVersion;
    }

    public static async Task<HazardDto> ToDtoAsync(AppDbContext db, Hazard h, DateOnly today, CancellationToken ct)
    {
        var events = await db.HazardEvents.AsNoTracking().Where(e => e.HazardId == h.Id).ToListAsync(ct);
        var routes = await db.HazardRoutes.AsNoTracking().Where(r => r.HazardId == h.Id).ToListAsync(ct);
        var photos = await db.HazardPhotos.AsNoTracking().Where(p => p.HazardId == h.Id).OrderBy(p => p.UploadedAt)
            .Select(p => new HazardDto.PhotoDto(p.Id, p.Stage, p.CapturedAt)).ToListAsync(ct);
        var subject = h.EnterpriseId is { } e
            ? await db.Enterprises.Where(x => x.Id == e).Select(x => x.Name).FirstOrDefaultAsync(ct)
            : await db.Places.Where(x => x.Id == h.PlaceId).Select(x => x.Name).FirstOrDefaultAsync(ct);
        return HazardDto.From(h, subject ?? string.Empty, events, routes, photos, today);
    }

    /// <summary>Saves; a concurrent change (xmin moved) becomes a 409 with a Chinese message.</summary>
    public static async Task<Error?> SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return StaleVersion;
        }
    }

    public static readonly Error StaleVersion =
        Error.Conflict("该隐患已被他人修改，您看到的是旧版本。请刷新后核对再提交（您填写的内容已保留）。");
}
