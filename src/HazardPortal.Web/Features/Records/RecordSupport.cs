using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>A node of the tree a record is placed at.</summary>
public sealed record RecordNode(string Code, string Path);

/// <summary>
/// The rules every field record shares (SPEC §5): which node it belongs to — the subject's node, or
/// the acting unit's node for records aimed at a jurisdiction — and who recorded it. Subjects and
/// targets are read through the tenant filter, so a subject outside the scope is simply not found.
/// </summary>
public static class RecordSupport
{
    public sealed record Placement(RecordNode Node, Guid? EnterpriseId, Guid? PlaceId, string? TargetJurisdictionCode);

    /// <summary>The acting unit's node: the scope's root (a government user's unit node, an enterprise's node).</summary>
    public static RecordNode ActingNode(AccessScope scope) => new(scope.OwnCode!, scope.Path!);

    public static async Task<Result<Placement>> PlaceAsync(AppDbContext db, AccessScope scope, Guid? enterpriseId, Guid? placeId, string? targetJurisdictionCode, CancellationToken ct)
    {
        if (enterpriseId is { } e)
        {
            var subject = await db.Enterprises.Where(x => x.Id == e && !x.Disabled).Select(x => new { x.JurisdictionCode, x.Path }).SingleOrDefaultAsync(ct);
            return subject is null ? Error.NotFound("企业") : new Placement(new RecordNode(subject.JurisdictionCode, subject.Path.ToString()), e, null, null);
        }

        if (placeId is { } p)
        {
            var subject = await db.Places.Where(x => x.Id == p && !x.Disabled).Select(x => new { x.JurisdictionCode, x.Path, x.EnterpriseId }).SingleOrDefaultAsync(ct);
            return subject is null ? Error.NotFound("场所") : new Placement(new RecordNode(subject.JurisdictionCode, subject.Path.ToString()), null, p, null);
        }

        if (targetJurisdictionCode is { } code)
        {
            if (!await db.Jurisdictions.AnyAsync(j => j.Code == code, ct))
            {
                return Error.NotFound("地区");
            }

            return new Placement(ActingNode(scope), null, null, code);
        }

        return new Placement(ActingNode(scope), null, null, null);
    }

    /// <summary>Stamps the acting unit and person (an enterprise user acts for their enterprise).</summary>
    public static T Stamp<T>(T record, AccessScope scope)
        where T : FieldRecord
    {
        var actor = HazardRules.ActorOf(scope);
        record.Stamp(HazardRules.ActingUnitId(actor) ?? Guid.Empty, scope.UnitName, actor.UserId, actor.Name);
        return record;
    }

    public static T At<T>(T record, Placement placement)
        where T : FieldRecord
    {
        record.PlaceAt(placement.Node.Code, placement.Node.Path);
        record.EnterpriseId = placement.EnterpriseId;
        record.PlaceId = placement.PlaceId;
        return record;
    }

    /// <summary>A jurisdiction in scope, for records a 安委办 or township cadre keeps for a jurisdiction.</summary>
    public static async Task<Result<RecordNode>> JurisdictionAsync(AppDbContext db, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Error.Invalid("jurisdictionCode", "请选择地区");
        }

        var node = await db.Jurisdictions.Where(j => j.Code == code).Select(j => new { j.Code, j.Path }).SingleOrDefaultAsync(ct);
        return node is null ? Error.NotFound("地区") : new RecordNode(node.Code, node.Path.ToString());
    }

    /// <summary>The filters every record list takes; the tenant filter applies first.</summary>
    public sealed record ListFilter(string? Jurisdiction = null, Guid? EnterpriseId = null, DateOnly? From = null, DateOnly? To = null, string? Kind = null, int Page = 1, int PageSize = 50);

    public static async Task<IQueryable<T>> ApplyAsync<T>(AppDbContext db, IQueryable<T> query, ListFilter f, CancellationToken ct)
        where T : FieldRecord
    {
        if (!string.IsNullOrWhiteSpace(f.Jurisdiction))
        {
            var node = await db.Jurisdictions.Where(j => j.Code == f.Jurisdiction).Select(j => new { j.Path }).SingleOrDefaultAsync(ct);
            query = node is null ? query.Where(x => false) : ScopeColumns.Within(query, node.Path.ToString());
        }

        if (f.EnterpriseId is { } e)
        {
            query = query.Where(x => x.EnterpriseId == e);
        }

        if (f.From is { } from)
        {
            query = query.Where(x => x.On >= from);
        }

        if (f.To is { } to)
        {
            query = query.Where(x => x.On <= to);
        }

        return query;
    }

    public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

    public const int MaxPageSize = 1000;

    public static async Task<Page<TOut>> PageAsync<T, TOut>(IQueryable<T> query, ListFilter f, Func<List<T>, Task<List<TOut>>> map, CancellationToken ct)
        where T : FieldRecord
    {
        var size = Math.Clamp(f.PageSize, 1, MaxPageSize);
        var page = Math.Max(f.Page, 1);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.On).ThenByDescending(x => x.Id).Skip((page - 1) * size).Take(size).AsNoTracking().ToListAsync(ct);
        return new Page<TOut>(await map(rows), total);
    }

    /// <summary>Names of subjects and jurisdictions for a page of records (two queries).</summary>
    public static async Task<Func<FieldRecord, string>> SubjectNamesAsync(AppDbContext db, IEnumerable<FieldRecord> rows, CancellationToken ct)
    {
        var list = rows.ToList();
        var enterpriseIds = list.Where(r => r.EnterpriseId is not null).Select(r => r.EnterpriseId!.Value).Distinct().ToList();
        var placeIds = list.Where(r => r.PlaceId is not null).Select(r => r.PlaceId!.Value).Distinct().ToList();
        var codes = list.Select(r => r.JurisdictionCode).Distinct().ToList();
        var enterprises = await db.Enterprises.Where(e => enterpriseIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var places = await db.Places.Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var names = await db.Jurisdictions.Where(j => codes.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);
        return r => r.EnterpriseId is { } e && enterprises.TryGetValue(e, out var en) ? en
            : r.PlaceId is { } p && places.TryGetValue(p, out var pn) ? pn
            : names.GetValueOrDefault(r.JurisdictionCode, r.JurisdictionCode);
    }

    public static async Task<Dictionary<string, string>> JurisdictionNamesAsync(AppDbContext db, IEnumerable<string?> codes, CancellationToken ct)
    {
        var list = codes.Where(c => c is not null).Select(c => c!).Distinct().ToList();
        return await db.Jurisdictions.Where(j => list.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);
    }
}
