using System.Globalization;
using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>
/// The ledger lists: filters, server-side sort, keyset paging (the cursor is the last row's sort key
/// and id). The first page carries a total counted up to <see cref="CountCap"/> rows — exact below
/// it, "more than" above it — so no page ever counts millions of rows; later pages count nothing.
/// </summary>
public sealed class HazardQueries(PortalDb portalDb, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    /// <summary>The first page counts at most this many rows; above it the total reads "1000+".</summary>
    public const int CountCap = 1_000;

    public sealed record Filter
    {
        public Guid? EnterpriseId { get; init; }

        public Guid? PlaceId { get; init; }

        public string? Jurisdiction { get; init; }

        public HazardStatus? Status { get; init; }

        public HazardSource? Source { get; init; }

        public HazardGrade? Grade { get; init; }

        public bool? Overdue { get; init; }

        public bool? DueSoon { get; init; }

        public bool? Supervised { get; init; }

        public string? Sector { get; init; }

        public DateOnly? From { get; init; }

        public DateOnly? To { get; init; }

        /// <summary>Only hazards routed to or registered by the caller's unit (the department's or township's queue).</summary>
        public bool Mine { get; init; }

        /// <summary>Open (not rectified, not voided, not verified) only.</summary>
        public bool OpenOnly { get; init; }

        public string? Q { get; init; }

        /// <summary>foundOn_desc (default), foundOn_asc, deadline_asc (default with overdue or dueSoon).</summary>
        public string? Sort { get; init; }

        public string? Cursor { get; init; }

        public int Page { get; init; }

        public int PageSize { get; init; } = 50;
    }

    public sealed record Row(Guid Id, string Title, string SubjectName, Guid? EnterpriseId, Guid? PlaceId, string SectorCode, HazardGrade Grade, HazardSource Source,
        HazardStatus Status, DateOnly FoundOn, DateOnly? Deadline, DateOnly? RectifiedOn, bool Overdue, bool DueSoon, bool Supervised, string? Location, uint Version);

    /// <param name="Total">Rows matching the filter, on the first page only; at most <see cref="CountCap"/>.</param>
    /// <param name="TotalCapped">True when more than <see cref="CountCap"/> rows match (Total is then a lower bound).</param>
    public sealed record Page(List<Row> Items, int? Total, string? NextCursor, bool TotalCapped = false);

    public async Task<Result<Page>> ListAsync(Filter f, CancellationToken ct = default)
    {
        if (f.PageSize is < 1 or > MaxPageSize)
        {
            return Error.Invalid("pageSize", $"每页1到{MaxPageSize}条");
        }

        var actor = HazardRules.ActorOf(portalDb.Scope);
        var today = ChinaTime.Today(clock);
        await using var db = portalDb.Open();
        var (q, outside) = await WithinAsync(db, HazardStore.Visible(db, actor).AsNoTracking(), f.Jurisdiction, ct);
        if (outside is not null)
        {
            return outside;
        }

        var filtered = Apply(q, f with { OpenOnly = false }, actor, today, db);
        q = f.OpenOnly ? filtered.Where(h => h.AwaitingRectification || h.Status == HazardStatus.Draft) : filtered;
        int? total = null;
        var capped = false;
        if (f.Cursor is null && f.Page <= 1)
        {
            // "Open" is awaiting rectification or a draft: counted as two capped counts, each served by its own
            // partial index (awaiting hazards by scope column; drafts by their registering unit), never a scan of a province.
            var counted = f.OpenOnly
                ? await filtered.Where(h => h.AwaitingRectification).Take(CountCap + 1).CountAsync(ct)
                  + await filtered.Where(h => h.Status == HazardStatus.Draft).Take(CountCap + 1).CountAsync(ct)
                : await q.Take(CountCap + 1).CountAsync(ct);
            total = Math.Min(counted, CountCap);
            capped = counted > CountCap;
        }

        // The overdue and due-soon lists read most urgent first unless a sort is asked for.
        var sort = f.Sort ?? (f.Overdue == true || f.DueSoon == true ? "deadline_asc" : "foundOn_desc");
        q = sort switch
        {
            "foundOn_asc" => q.OrderBy(h => h.FoundOn).ThenBy(h => h.Id),
            "deadline_asc" => q.OrderBy(h => h.DueOn).ThenBy(h => h.Id), // NULLS LAST, the index's order
            _ => q.OrderByDescending(h => h.FoundOn).ThenByDescending(h => h.Id),
        };
        if (f.Cursor is { } cursor)
        {
            if (!TryParseCursor(cursor, out var day, out var id))
            {
                return Error.Invalid("cursor", "分页游标无效");
            }

            q = sort switch
            {
                "foundOn_asc" => q.Where(h => h.FoundOn > day || (h.FoundOn == day && h.Id.CompareTo(id) > 0)),
                "deadline_asc" when day == DateOnly.MaxValue => q.Where(h => h.DueOn == null && h.Id.CompareTo(id) > 0),
                "deadline_asc" when f.Overdue == true || f.DueSoon == true => q.Where(h => h.DueOn > day || (h.DueOn == day && h.Id.CompareTo(id) > 0)),
                "deadline_asc" => q.Where(h => h.DueOn > day || (h.DueOn == day && h.Id.CompareTo(id) > 0) || h.DueOn == null),
                _ => q.Where(h => h.FoundOn < day || (h.FoundOn == day && h.Id.CompareTo(id) < 0)),
            };
        }
        else if (f.Page > 1)
        {
            q = q.Skip((f.Page - 1) * f.PageSize);
        }

        var rows = await q.Take(f.PageSize + 1).Select(h => new
        {
            Hazard = h,
            Subject = h.EnterpriseId != null
                ? db.Enterprises.Where(e => e.Id == h.EnterpriseId).Select(e => e.Name).FirstOrDefault()
                : db.Places.Where(p => p.Id == h.PlaceId).Select(p => p.Name).FirstOrDefault(),
        }).ToListAsync(ct);
        var items = rows.Take(f.PageSize).Select(r => new Row(
            r.Hazard.Id, r.Hazard.Title, r.Subject ?? string.Empty, r.Hazard.EnterpriseId, r.Hazard.PlaceId, r.Hazard.SectorCode, r.Hazard.Grade, r.Hazard.Source,
            r.Hazard.Status, r.Hazard.FoundOn, r.Hazard.CurrentDeadline, r.Hazard.RectifiedOn, r.Hazard.IsOverdue(today), r.Hazard.IsDueSoon(today),
            r.Hazard.Supervision is { RemovedOn: null }, r.Hazard.Location, r.Hazard.Version)).ToList();
        string? next = null;
        if (rows.Count > f.PageSize)
        {
            var last = rows[f.PageSize - 1].Hazard;
            var key = sort == "deadline_asc" ? last.DueOn ?? DateOnly.MaxValue : last.FoundOn;
            next = $"{key:yyyy-MM-dd}_{last.Id:N}";
        }

        return new Page(items, total, next, capped);
    }

    /// <summary>The detail page's view: the hazard and the actions this user may take on it now.</summary>
    public async Task<Result<(HazardDto Hazard, IReadOnlyList<HazardAction> Actions)>> DetailAsync(Guid id, CancellationToken ct = default)
    {
        var actor = HazardRules.ActorOf(portalDb.Scope);
        await using var db = portalDb.Open();
        var hazard = await HazardStore.FindAsync(db, actor, id, ct);
        if (hazard is null)
        {
            return Error.NotFound("隐患");
        }

        var routes = await db.HazardRoutes.AsNoTracking().Where(r => r.HazardId == id).ToListAsync(ct);
        return (await HazardStore.ToDtoAsync(db, hazard, ChinaTime.Today(clock), ct), HazardActions.For(actor, hazard, routes));
    }

    public sealed record Subject(Guid Id, bool IsEnterprise, string Name, string SectorCode, string JurisdictionName);

    public sealed record StandardOption(string Code, string Title, string? DocNumber, List<string> Sectors);

    /// <summary>Enterprises and places in scope whose name matches, for the registration form.</summary>
    public async Task<List<Subject>> SubjectsAsync(string? q, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        q = q?.Trim() ?? string.Empty;
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => !e.Disabled && (e.Name.Contains(q) || e.Uscc == q)).OrderBy(e => e.Name).Take(30)
            .Select(e => new Subject(e.Id, true, e.Name, e.SectorCode, db.Jurisdictions.Where(j => j.Code == e.JurisdictionCode).Select(j => j.Name).First())).ToListAsync(ct);
        var places = await db.Places.AsNoTracking().Where(p => !p.Disabled && p.Name.Contains(q)).OrderBy(p => p.Name).Take(20)
            .Select(p => new Subject(p.Id, false, p.Name, p.SectorCode, db.Jurisdictions.Where(j => j.Code == p.JurisdictionCode).Select(j => j.Name).First())).ToListAsync(ct);
        return [.. enterprises, .. places];
    }

    /// <summary>One enterprise or place in scope as a subject option (or null).</summary>
    public async Task<Subject?> SubjectAsync(Guid? enterpriseId, Guid? placeId, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        return enterpriseId is { } e
            ? await db.Enterprises.AsNoTracking().Where(x => x.Id == e && !x.Disabled)
                .Select(x => new Subject(x.Id, true, x.Name, x.SectorCode, db.Jurisdictions.Where(j => j.Code == x.JurisdictionCode).Select(j => j.Name).First())).SingleOrDefaultAsync(ct)
            : await db.Places.AsNoTracking().Where(x => x.Id == placeId && !x.Disabled)
                .Select(x => new Subject(x.Id, false, x.Name, x.SectorCode, db.Jurisdictions.Where(j => j.Code == x.JurisdictionCode).Select(j => j.Name).First())).SingleOrDefaultAsync(ct);
    }

    public async Task<List<StandardOption>> StandardsAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        return await db.Standards.AsNoTracking().OrderBy(s => s.Code).Select(s => new StandardOption(s.Code, s.Title, s.DocNumber, s.SectorCodes)).ToListAsync(ct);
    }

    /// <summary>The names of a sector and a jurisdiction given by code (for what a filtered list says it shows); null where unknown or out of scope.</summary>
    public async Task<(string? Sector, string? Jurisdiction)> NamesAsync(string? sectorCode, string? jurisdictionCode, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var sector = sectorCode is null ? null : await db.Sectors.AsNoTracking().Where(x => x.Code == sectorCode).Select(x => x.Name).FirstOrDefaultAsync(ct);
        var jurisdiction = jurisdictionCode is null ? null : await db.Jurisdictions.AsNoTracking().Where(x => x.Code == jurisdictionCode).Select(x => x.Name).FirstOrDefaultAsync(ct);
        return (sector, jurisdiction);
    }

    public async Task<Result<HazardDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        var actor = HazardRules.ActorOf(portalDb.Scope);
        await using var db = portalDb.Open();
        var hazard = await HazardStore.FindAsync(db, actor, id, ct);
        return hazard is null ? Error.NotFound("隐患") : await HazardStore.ToDtoAsync(db, hazard, ChinaTime.Today(clock), ct);
    }

    /// <summary>All rows of a filter for export (no paging), newest first, capped.</summary>
    /// <summary>The hazards under a jurisdiction (the list's and the export's <c>jurisdiction</c> filter); a code not in scope is not found.</summary>
    private static async Task<(IQueryable<Hazard> Query, Error? Error)> WithinAsync(AppDbContext db, IQueryable<Hazard> q, string? jurisdiction, CancellationToken ct)
    {
        if (jurisdiction is not { Length: > 0 })
        {
            return (q, null);
        }

        var path = await db.Jurisdictions.Where(j => j.Code == jurisdiction).Select(j => (LTree?)j.Path).SingleOrDefaultAsync(ct);
        return path is { } p ? (ScopeColumns.Within(q, p.ToString()), null) : (q, Error.NotFound("行政区划"));
    }

    /// <summary>
    /// Every hazard the filter finds, newest first, read as the export writes them (one context held for the stream);
    /// an unknown or out-of-scope jurisdiction is refused before anything is written.
    /// </summary>
    /// <summary>A row of the ledger export: the hazard, its subject's name, and its responsible (lead) departments.</summary>
    public sealed record ExportRow(Hazard Hazard, string Subject, string Departments);

    /// <summary>The sector taxonomy's names by code (行业领域, data/sectors.csv).</summary>
    public async Task<Dictionary<string, string>> SectorNamesAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        return await db.Sectors.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.Name, ct);
    }

    public async Task<Result<IAsyncEnumerable<ExportRow>>> ExportStreamAsync(Filter f, CancellationToken ct = default)
    {
        var actor = HazardRules.ActorOf(portalDb.Scope);
        await using (var check = portalDb.Open())
        {
            var (_, outside) = await WithinAsync(check, HazardStore.Visible(check, actor).AsNoTracking(), f.Jurisdiction, ct);
            if (outside is not null)
            {
                return outside;
            }
        }

        return Result.Of(StreamRowsAsync(f, actor, ct));
    }

    private async IAsyncEnumerable<ExportRow> StreamRowsAsync(Filter f, HazardActor actor, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        await using var db = portalDb.Open();
        var (within, _) = await WithinAsync(db, HazardStore.Visible(db, actor).AsNoTracking(), f.Jurisdiction, ct);
        var rows = Apply(within, f, actor, today, db).OrderByDescending(h => h.FoundOn).ThenByDescending(h => h.Id).Select(h => new
        {
            Hazard = h,
            Subject = h.EnterpriseId != null
                ? db.Enterprises.Where(e => e.Id == h.EnterpriseId).Select(e => e.Name).FirstOrDefault()
                : db.Places.Where(p => p.Id == h.PlaceId).Select(p => p.Name).FirstOrDefault(),
            Departments = db.HazardRoutes.Where(r => r.HazardId == h.Id && r.Kind == RouteKind.LeadDepartment).OrderBy(r => r.UnitName).Select(r => r.UnitName).ToList(),
        }).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
        {
            yield return new ExportRow(r.Hazard, r.Subject ?? string.Empty, string.Join("、", r.Departments));
        }
    }

    public async Task<Result<List<(Hazard Hazard, string Subject)>>> ExportRowsAsync(Filter f, int limit, CancellationToken ct = default)
    {
        var actor = HazardRules.ActorOf(portalDb.Scope);
        var today = ChinaTime.Today(clock);
        await using var db = portalDb.Open();
        var (within, outside) = await WithinAsync(db, HazardStore.Visible(db, actor).AsNoTracking(), f.Jurisdiction, ct);
        if (outside is not null)
        {
            return outside;
        }

        var q = Apply(within, f, actor, today, db);
        var rows = await q.OrderByDescending(h => h.FoundOn).ThenByDescending(h => h.Id).Take(limit).Select(h => new
        {
            Hazard = h,
            Subject = h.EnterpriseId != null
                ? db.Enterprises.Where(e => e.Id == h.EnterpriseId).Select(e => e.Name).FirstOrDefault()
                : db.Places.Where(p => p.Id == h.PlaceId).Select(p => p.Name).FirstOrDefault(),
        }).ToListAsync(ct);
        return rows.Select(r => (r.Hazard, r.Subject ?? string.Empty)).ToList();
    }

    private static IQueryable<Hazard> Apply(IQueryable<Hazard> q, Filter f, HazardActor actor, DateOnly today, AppDbContext db)
    {
        if (f.EnterpriseId is { } e)
        {
            q = q.Where(h => h.EnterpriseId == e);
        }

        if (f.PlaceId is { } p)
        {
            q = q.Where(h => h.PlaceId == p);
        }

        if (f.Status is { } status)
        {
            q = q.Where(h => h.Status == status);
        }

        if (f.Source is { } source)
        {
            q = q.Where(h => h.Source == source);
        }

        if (f.Grade is { } grade)
        {
            q = q.Where(h => h.Grade == grade);
        }

        if (f.Sector is { Length: > 0 } sector)
        {
            q = q.Where(h => h.SectorCode == sector || h.SectorCode.StartsWith(sector + "."));
        }

        if (f.From is { } from)
        {
            q = q.Where(h => h.FoundOn >= from);
        }

        if (f.To is { } to)
        {
            q = q.Where(h => h.FoundOn <= to);
        }

        if (f.Q is { Length: > 0 } text)
        {
            q = q.Where(h => h.Title.Contains(text) || (h.Location != null && h.Location.Contains(text)));
        }

        if (f.OpenOnly)
        {
            q = q.Where(h => h.AwaitingRectification || h.Status == HazardStatus.Draft);
        }

        if (f.Supervised is { } supervised)
        {
            q = supervised
                ? q.Where(h => h.Supervision != null && h.Supervision.RemovedOn == null)
                : q.Where(h => h.Supervision == null || h.Supervision.RemovedOn != null);
        }

        // Overdue and due soon: awaiting rectification and the deadline in force (DueOn, the
        // supervision's if earlier) passed, or within 7 days — the same rule as Hazard.IsOverdue /
        // IsDueSoon, on generated columns the planner has statistics and an index for.
        var soon = today.AddDays(7);
        if (f.Overdue is { } overdue)
        {
            q = overdue
                ? q.Where(h => h.AwaitingRectification && h.DueOn < today)
                : q.Where(h => !(h.AwaitingRectification && h.DueOn != null && h.DueOn < today));
        }

        if (f.DueSoon == true)
        {
            q = q.Where(h => h.AwaitingRectification && h.DueOn >= today && h.DueOn <= soon);
        }

        if (f.Mine)
        {
            var unit = HazardRules.ActingUnitId(actor);
            q = q.Where(h => h.RegisteredByUnitId == unit || db.HazardRoutes.Any(r => r.HazardId == h.Id && r.UnitId == actor.UnitId));
        }

        return q;
    }

    private static bool TryParseCursor(string cursor, out DateOnly day, out Guid id)
    {
        day = default;
        id = default;
        var parts = cursor.Split('_');
        return parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            && Guid.TryParseExact(parts[1], "N", out id);
    }
}
