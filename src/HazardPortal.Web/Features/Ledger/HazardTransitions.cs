using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>
/// The closed-loop transitions (SPEC §4.2–7). Each is: load the visible hazard, check the version the
/// client saw (stale → 409), check the role rule (→ 403), run the Core method (illegal → 409, bad
/// input → 400), route it if it has just been reported, save with xmin as the concurrency token.
/// </summary>
public sealed class HazardTransitions(PortalDb portalDb, TimeProvider clock, ILogger<HazardTransitions> log)
{
    public sealed record Report(DateOnly ReportedOn, bool ReportedToWorkersCongress, uint Version);

    public sealed record Extend(DateOnly NewDeadline, string? Reason, string? ApprovedBy, uint Version);

    public sealed record Rectify(DateOnly RectifiedOn, string? Description, uint Version);

    public sealed record Verify(DateOnly VerifiedOn, bool Passed, string? Reason, uint Version);

    /// <summary>挂牌督办: the level, the tag day, the 督办 deadline, and the 督办文号 and 督办要求 of the office's notice.</summary>
    public sealed record Supervise(SupervisionLevel? Level, DateOnly TaggedOn, DateOnly Deadline, uint Version, string? DocumentNumber = null, string? Requirements = null);

    public sealed record Unsupervise(DateOnly RemovedOn, uint Version);

    public sealed record Void(string? Reason, uint Version);

    public sealed record CompleteDraft(RectificationPlan Plan, uint Version);

    public Task<Result<HazardDto>> ReportAsync(Guid id, Report c, CancellationToken ct = default) =>
        RunAsync(id, c.Version, (h, a, _, today) => HazardRules.CanReport(a, h) ?? h.Report(c.ReportedOn, c.ReportedToWorkersCongress, a, today), ct);

    public Task<Result<HazardDto>> ExtendAsync(Guid id, Extend c, CancellationToken ct = default) =>
        RunAsync(id, c.Version, (h, a, routes, today) => HazardRules.CanExtend(a, h, routes) ?? h.Extend(c.NewDeadline, c.Reason, c.ApprovedBy, a, today), ct);

    public Task<Result<HazardDto>> RectifyAsync(Guid id, Rectify c, CancellationToken ct = default) =>
        RunAsync(id, c.Version, (h, a, routes, today) => HazardRules.CanRectify(a, h, routes) ?? h.Rectify(c.RectifiedOn, c.Description, a, today), ct);

    public Task<Result<HazardDto>> VerifyAsync(Guid id, Verify c, CancellationToken ct = default) =>
        RunAsync(id, c.Version, (h, a, routes, today) => HazardRules.CanVerify(a, h, routes) ?? h.Verify(c.VerifiedOn, c.Passed, c.Reason, a, today), ct);

    public Task<Result<HazardDto>> VoidAsync(Guid id, Void c, CancellationToken ct = default) =>
        RunAsync(id, c.Version, (h, a, _, today) => HazardRules.CanVoid(a, h) ?? h.Void(c.Reason, a, today), ct);

    public Task<Result<HazardDto>> CompleteAsync(Guid id, CompleteDraft c, CancellationToken ct = default) =>
        RunAsync(id, c.Version, (h, a, _, today) => HazardRules.CanEdit(a, h) ?? h.Complete(c.Plan, a, today), ct);

    public Task<Result<HazardDto>> UnsuperviseAsync(Guid id, Unsupervise c, CancellationToken ct = default) =>
        RunAsync(id, c.Version, (h, a, _, today) => HazardRules.CanSupervise(a) ?? h.Unsupervise(c.RemovedOn, a, today), ct);

    /// <summary>The level at which the signed-in office tags (its jurisdiction's), or null for anyone else.</summary>
    public async Task<SupervisionLevel?> OwnLevelAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        return await OwnLevelAsync(db, HazardRules.ActorOf(portalDb.Scope), ct);
    }

    private static async Task<SupervisionLevel?> OwnLevelAsync(AppDbContext db, HazardActor actor, CancellationToken ct)
    {
        var officeLevel = await db.Units.Where(u => u.Id == actor.UnitId)
            .Join(db.Jurisdictions, u => u.JurisdictionCode, j => j.Code, (_, j) => (JurisdictionLevel?)j.Level).SingleOrDefaultAsync(ct);
        return officeLevel is { } l ? HazardRules.LevelOf(l) : null;
    }

    public async Task<Result<HazardDto>> SuperviseAsync(Guid id, Supervise c, CancellationToken ct = default)
    {
        var actor = HazardRules.ActorOf(portalDb.Scope);
        await using var lookup = portalDb.Open();
        if (await HazardStore.FindAsync(lookup, actor, id, ct) is null)
        {
            return Error.NotFound("隐患");
        }

        if (HazardRules.CanSupervise(actor) is { } refused)
        {
            return refused;
        }

        // The office tags at its own level (a county office cannot tag at province level), and says which.
        var own = await OwnLevelAsync(lookup, actor, ct);
        if (own is null)
        {
            return Error.Forbidden("只有县级及以上安委办可以挂牌督办");
        }

        if (c.Level is null)
        {
            return Error.Invalid("level", $"请填写督办级别（本单位为“{HazardNames.Level(own.Value)}”）");
        }

        if (c.Level is { } wanted && wanted != own)
        {
            return Error.Invalid("level", $"本单位只能以“{HazardNames.Level(own.Value)}”挂牌督办");
        }

        var tagged = await RunAsync(id, c.Version, (h, a, _, today) => h.Supervise(own.Value, c.TaggedOn, c.Deadline, a.UnitId!.Value, a.UnitName, a, today, c.DocumentNumber, c.Requirements), ct);
        if (tagged.Succeeded)
        {
            await NotifyTaggedAsync(id, ct);
        }

        return tagged;
    }

    private async Task<Result<HazardDto>> RunAsync(Guid id, uint version, Func<Hazard, HazardActor, List<HazardRoute>, DateOnly, Error?> transition, CancellationToken ct)
    {
        var actor = HazardRules.ActorOf(portalDb.Scope);
        var today = ChinaTime.Today(clock);
        await using var db = portalDb.Open();
        var loaded = await HazardStore.LoadForChangeAsync(db, actor, id, version, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var hazard = loaded.Value!;
        var routes = await db.HazardRoutes.Where(r => r.HazardId == id).ToListAsync(ct);
        var wasReported = hazard.ReportedOn is not null;
        if (transition(hazard, actor, routes, today) is { } error)
        {
            return error;
        }

        if (!wasReported && hazard.ReportedOn is not null && routes.Count == 0)
        {
            db.HazardRoutes.AddRange(await HazardRouting.RoutesForAsync(db, hazard, ct));
        }

        if (await HazardStore.SaveAsync(db, ct) is { } stale)
        {
            return stale;
        }

        return await HazardStore.ToDtoAsync(db, hazard, today, ct);
    }

    /// <summary>
    /// Tells the township and the enterprise at once that the office has tagged the hazard 挂牌督办 (the escalation job
    /// would, on its next run), in the office's own scope. A failure here leaves the tag standing: the job sends it later.
    /// </summary>
    private async Task NotifyTaggedAsync(Guid hazardId, CancellationToken ct)
    {
        try
        {
            await using var db = portalDb.Open();
            await NotificationSql.NotifyTaggedAsync(db, hazardId, clock.GetUtcNow(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "notifying the tag of hazard {Hazard} failed; the escalation job will send it", hazardId);
        }
    }
}
