using ClosedXML.Excel;
using HazardPortal.Core.Audit;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Audit;

/// <summary>The Auditor's search and export of the audit log (the log is not tenant-scoped: the role is the gate).</summary>
public sealed class AuditQueries(PortalDb portalDb)
{
    public const int ExportLimit = 100_000;

    public sealed record Search(DateOnly? From, DateOnly? To, string? Actor, string? Action, int Page = 1, int PageSize = 50);

    public sealed record Page(List<AuditEntry> Items, bool HasMore);

    /// <summary>An Excel cell holds at most 32,767 characters; a larger payload (a template's whole layout) is cut with a note.</summary>
    private static string? Fit(string? text) =>
        text is { Length: > 32000 } ? text[..32000] + $"…（共{text.Length}字，已截断；完整内容见系统审计日志）" : text;

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public async Task<Result<Page>> SearchAsync(Search search, CancellationToken ct = default)
    {
        if (!portalDb.Scope.HasRole(Roles.Auditor))
        {
            return Error.Forbidden();
        }

        if (search.Page < 1 || search.PageSize is < 1 or > 500)
        {
            return Error.Invalid("pageSize", "页码须从1开始，每页1到500条");
        }

        await using var db = portalDb.Open();
        var rows = await Filter(db, search).Skip((search.Page - 1) * search.PageSize).Take(search.PageSize + 1).ToListAsync(ct);
        return new Page(rows.Take(search.PageSize).ToList(), rows.Count > search.PageSize);
    }

    /// <summary>The chain's verdict: how many rows it holds and the first one that does not follow from the one before.</summary>
    public sealed record Verification(long Rows, bool Intact, long? FirstBrokenSeq, long? FirstBrokenId, AuditEntry? FirstBroken, string Summary);

    private sealed record Break(long ChainSeq, long Id, long ExpectedSeq);

    /// <summary>
    /// Walks the tamper-evident chain (migration AuditChain) in the database: every row's number follows the one
    /// before, and its hash is the hash of the previous hash and its own content. A row altered or removed
    /// afterwards, by anyone, is reported as the first broken link.
    /// </summary>
    public async Task<Result<Verification>> VerifyAsync(CancellationToken ct = default)
    {
        if (!portalDb.Scope.HasRole(Roles.Auditor))
        {
            return Error.Forbidden();
        }

        await using var db = portalDb.Open();
        var rows = await db.AuditEntries.LongCountAsync(ct);
        var broken = await db.Database.SqlQueryRaw<Break>("SELECT chain_seq AS \"ChainSeq\", id AS \"Id\", expected_seq AS \"ExpectedSeq\" FROM hp_audit_first_break()")
            .ToListAsync(ct);
        if (broken.Count == 0)
        {
            return new Verification(rows, true, null, null, null, $"审计日志完整：{rows} 条记录逐条校验通过，未发现篡改或删除");
        }

        var b = broken[0];
        var entry = await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(a => a.Id == b.Id, ct);
        var what = b.ChainSeq != b.ExpectedSeq
            ? $"第 {b.ExpectedSeq} 至 {b.ChainSeq - 1} 条记录已被删除"
            : $"第 {b.ChainSeq} 条记录（{(entry is null ? "" : $"{ChinaTime.Format(entry.At, "yyyy-MM-dd HH:mm:ss")} {entry.Actor} {entry.Action}")}）的内容已被改动";
        return new Verification(rows, false, b.ChainSeq, b.Id, entry, $"审计日志完整性被破坏：{what}");
    }

    public async Task<Result<byte[]>> ExportAsync(Search search, CancellationToken ct = default)
    {
        if (!portalDb.Scope.HasRole(Roles.Auditor))
        {
            return Error.Forbidden();
        }

        await using var db = portalDb.Open();
        var rows = await Filter(db, search).Take(ExportLimit).ToListAsync(ct);
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("审计日志");
        string[] headers = ["序号", "时间", "操作人", "操作", "对象类型", "对象标识", "变更前", "变更后", "来源地址", "说明"];
        for (var i = 0; i < headers.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = headers[i];
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var a = rows[r];
            object?[] values = [r + 1, a.At.ToOffset(China).ToString("yyyy-MM-dd HH:mm:ss"), a.Actor, a.Action, a.EntityType, a.EntityId, a.Before, a.After, a.IpAddress, a.Detail];
            for (var c = 0; c < values.Length; c++)
            {
                sheet.Cell(r + 2, c + 1).Value = Fit(values[c]?.ToString());
            }
        }

        sheet.Row(1).Style.Font.Bold = true;
        double[] widths = [8, 20, 20, 26, 16, 38, 50, 50, 16, 30];
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }

        sheet.SheetView.FreezeRows(1);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static IQueryable<AuditEntry> Filter(AppDbContext db, Search search)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (search.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), China);
            query = query.Where(a => a.At >= start);
        }

        if (search.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), China);
            query = query.Where(a => a.At < end);
        }

        if (!string.IsNullOrWhiteSpace(search.Actor))
        {
            query = query.Where(a => a.Actor.Contains(search.Actor.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(search.Action))
        {
            query = query.Where(a => a.Action.StartsWith(search.Action.Trim()));
        }

        return query.OrderByDescending(a => a.Id);
    }
}
