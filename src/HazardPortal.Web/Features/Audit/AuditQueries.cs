using ClosedXML.Excel;
using HazardPortal.Core.Audit;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Audit;

/// <summary>The Auditor's search and export of the audit log (the log is not tenant-scoped: the role is the gate).</summary>
public sealed class AuditQueries(PortalDb portalDb, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>The export's signature: the key ring (shared by every portal process, kept in PostgreSQL) authenticates the digest.</summary>
    private readonly Microsoft.AspNetCore.DataProtection.IDataProtector signer = protection.CreateProtector("HazardPortal.AuditExport.v1");

    public const string CheckSheet = "完整性校验";

    private sealed record Link(long Id, long? ChainSeq, string? ChainHash);
    public const int ExportLimit = 100_000;

    /// <summary>The largest archived export the verification reads.</summary>
    public const long MaxVerifiedBytes = 50 * 1024 * 1024;

    /// <summary>
    /// <paramref name="Q"/> finds words in the action's name, the subject's name, the actor and the action code ("解锁", "民和镇");
    /// <paramref name="Subject"/> the affected account or record by name; <paramref name="Action"/> an action code prefix (sign-in).
    /// </summary>
    public sealed record Search(DateOnly? From, DateOnly? To, string? Actor, string? Action, int Page = 1, int PageSize = 50, string? Q = null, string? Subject = null);

    /// <summary>
    /// One row as a person reads it: when (China time), who, what (<paramref name="ActionName"/>), to what
    /// (<paramref name="SubjectName"/>, a <paramref name="SubjectKind"/>), and each changed field labelled; the codes beside them.
    /// </summary>
    public sealed record Row(
        long Id, DateTimeOffset At, string Time, string Actor, string ActionName, string? SubjectName, string? SubjectKind, IReadOnlyList<AuditNames.Change> Changes,
        string? IpAddress, string? Detail, string Action, string? EntityType, string? EntityId);

    public sealed record Page(List<Row> Items, bool HasMore);

    public static Row ToRow(AuditEntry a) => new(
        a.Id, a.At, ChinaTime.Format(a.At, "yyyy-MM-dd HH:mm:ss"), a.Actor,
        a.ActionName ?? AuditNames.ActionName(a.Action, a.EntityType, AuditNames.Read(a.Before), AuditNames.Read(a.After)),
        a.SubjectName, a.EntityType is null ? null : AuditNames.Entities.GetValueOrDefault(a.EntityType, a.EntityType),
        AuditNames.Changes(a.Before, a.After), a.IpAddress, a.Detail, a.Action, a.EntityType, a.EntityId);

    /// <summary>An Excel cell holds at most 32,767 characters; a larger payload (a template's whole layout) is cut with a note.</summary>
    private static string? Fit(string? text) =>
        text is { Length: > 32000 } ? text[..32000] + $"…（共{text.Length}字，已截断；完整内容见系统审计日志）" : text;


    public async Task<Result<Page>> SearchAsync(Search search, CancellationToken ct = default)
    {
        if (!AccessRules.IsAuditor(portalDb.Scope))
        {
            return Error.Forbidden();
        }

        if (search.Page < 1 || search.PageSize is < 1 or > 500)
        {
            return Error.Invalid("pageSize", "页码须从1开始，每页1到500条");
        }

        if (new[] { search.Q, search.Subject, search.Actor, search.Action }.Any(t => t is { Length: > 100 }))
        {
            return Error.Invalid("q", "查询条件不超过100字");
        }

        await using var db = portalDb.Open();
        var rows = await Filter(db, search).Skip((search.Page - 1) * search.PageSize).Take(search.PageSize + 1).ToListAsync(ct);
        return new Page(rows.Take(search.PageSize).Select(ToRow).ToList(), rows.Count > search.PageSize);
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
        if (!AccessRules.IsAuditor(portalDb.Scope))
        {
            return Error.Forbidden();
        }

        await using var db = portalDb.Open();
        var all = await db.AuditEntries.LongCountAsync(ct);
        var waiting = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM audit_log WHERE chain_seq IS NULL").SingleAsync(ct);
        var rows = all - waiting;
        var pending = waiting == 0 ? string.Empty : $"；另有 {waiting} 条最新记录几秒内封存后纳入校验";
        var broken = await db.Database.SqlQueryRaw<Break>("SELECT chain_seq AS \"ChainSeq\", id AS \"Id\", expected_seq AS \"ExpectedSeq\" FROM hp_audit_first_break()")
            .ToListAsync(ct);
        if (broken.Count == 0)
        {
            return new Verification(rows, true, null, null, null, $"审计日志完整：{rows} 条记录逐条校验通过，未发现篡改或删除{pending}");
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
        if (!AccessRules.IsAuditor(portalDb.Scope))
        {
            return Error.Forbidden();
        }

        await using var db = portalDb.Open();
        // One signed archive holds at most ExportLimit rows; a larger period is refused with the reason, never cut silently.
        var rows = await Filter(db, search).Take(ExportLimit + 1).ToListAsync(ct);
        if (rows.Count > ExportLimit)
        {
            return Error.Invalid("to", $"该期间的审计记录超过{ExportLimit}条，一个签名归档文件最多{ExportLimit}条：请缩小起止日期分批导出");
        }

        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("审计日志");
        var ids = rows.Select(a => a.Id).ToArray();
        var links = (await db.Database.SqlQueryRaw<Link>("SELECT id AS \"Id\", chain_seq AS \"ChainSeq\", chain_hash AS \"ChainHash\" FROM audit_log WHERE id = ANY({0})", ids)
            .ToListAsync(ct)).ToDictionary(l => l.Id);
        // Rows of the last seconds not yet sealed into the chain are left out of an archive (the next export has them).
        var unsealed = rows.Count(a => links.GetValueOrDefault(a.Id)?.ChainSeq is null);
        rows = rows.Where(a => links.GetValueOrDefault(a.Id)?.ChainSeq is not null).ToList();
        string[] headers = ["序号", "时间", "操作人", "操作", "对象", "对象类型", "变更", "来源地址", "说明", "操作代码", "对象标识", "变更前（原始）", "变更后（原始）", "链序号", "链哈希"];
        for (var i = 0; i < headers.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = headers[i];
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var a = rows[r];
            var link = links.GetValueOrDefault(a.Id);
            var row = ToRow(a);
            object?[] values = [r + 1, row.Time, a.Actor, row.ActionName, row.SubjectName, row.SubjectKind, string.Join("；", row.Changes.Select(c => $"{c.Field}：{c.Before ?? "（空）"} → {c.After ?? "（空）"}")),
                a.IpAddress, a.Detail, a.Action, a.EntityId, a.Before, a.After, link?.ChainSeq, link?.ChainHash];
            for (var c = 0; c < values.Length; c++)
            {
                sheet.Cell(r + 2, c + 1).Value = Fit(values[c]?.ToString());
            }
        }

        sheet.Row(1).Style.Font.Bold = true;
        double[] widths = [8, 20, 18, 16, 30, 12, 60, 16, 30, 24, 38, 40, 40, 10, 66];
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }

        sheet.SheetView.FreezeRows(1);
        Shared.PrintSetup.A4(sheet, landscape: true, repeatFrom: 1);

        // For archiving: a digest of the exported rows' chain links, signed by the portal's key ring.
        var digest = Digest(rows.Select(a => links.GetValueOrDefault(a.Id)).Select(l => (l?.ChainSeq, l?.ChainHash)));
        var check = workbook.AddWorksheet(CheckSheet);
        string[][] facts =
        [
            ["导出时间", ChinaTime.Format(clock.GetUtcNow(), "yyyy-MM-dd HH:mm:ss")],
            ["导出人", portalDb.Scope.Actor],
            ["期间", $"{search.From?.ToString("yyyy-MM-dd") ?? "（不限）"} 至 {search.To?.ToString("yyyy-MM-dd") ?? "（不限）"}"],
            ["记录数", rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + (unsealed > 0 ? $"（另有 {unsealed} 条最新记录尚未封存，未列入）" : "")],
            ["内容摘要（SHA-256，各行“链序号|链哈希”）", digest],
            ["签名", signer.Protect(digest)],
            ["说明", "本文件由隐患台账门户导出并签名。校验：审计管理员在门户“审计日志”页上传本文件，或调用 POST /api/v1/audit/export/verify。"],
        ];
        for (var i = 0; i < facts.Length; i++)
        {
            check.Cell(i + 1, 1).Value = facts[i][0];
            check.Cell(i + 1, 2).Value = facts[i][1];
        }

        check.Column(1).Width = 36;
        check.Column(2).Width = 100;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static string Digest(IEnumerable<(long? Seq, string? Hash)> links) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Concat(links.Select(l => $"{l.Seq}|{l.Hash}\n")))));

    public sealed record ExportCheck(bool Valid, int Rows, string Summary);

    /// <summary>
    /// Checks an archived export: its rows' chain links give the digest it carries, the signature is the portal's
    /// over that digest, and every link still matches the audit log (a row changed in the file, a forged
    /// signature, or a log changed since the export are each named).
    /// </summary>
    public async Task<Result<ExportCheck>> VerifyExportAsync(Stream file, CancellationToken ct = default)
    {
        if (!AccessRules.IsAuditor(portalDb.Scope))
        {
            return Error.Forbidden();
        }

        // The upload, bounded and looked into before ClosedXML sees it (the same intake as the ledger import).
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        if (buffer.Length is 0 or > MaxVerifiedBytes)
        {
            return Error.Invalid("file", "请上传门户导出的审计日志Excel（不超过50MB）");
        }

        if (HazardPortal.Web.Features.Shared.SpreadsheetIntake.Inspect(buffer.ToArray(), ExportLimit + 1) is { } refusal)
        {
            return Error.Invalid("file", refusal);
        }

        buffer.Position = 0;
        List<(long? Seq, string? Hash)> links = [];
        string? digest, signature;
        try
        {
            using var workbook = new XLWorkbook(buffer);
            var sheet = workbook.Worksheet(1);
            var last = sheet.LastRowUsed()?.RowNumber() ?? 1;
            // The link columns by their headers: an archive of an earlier layout (链序号 in column 11) verifies as well.
            var header = sheet.Row(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
            var seqColumn = header.GetValueOrDefault("链序号", 11);
            var hashColumn = header.GetValueOrDefault("链哈希", 12);
            for (var r = 2; r <= last; r++)
            {
                var seq = sheet.Cell(r, seqColumn).GetString();
                links.Add((long.TryParse(seq, out var n) ? n : null, sheet.Cell(r, hashColumn).GetString() is { Length: > 0 } h ? h : null));
            }

            var check = workbook.Worksheets.FirstOrDefault(w => w.Name == CheckSheet);
            digest = check?.Cell(5, 2).GetString();
            signature = check?.Cell(6, 2).GetString();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException or InvalidOperationException or FormatException)
        {
            return Error.Invalid("file", "无法读取该文件，请上传门户导出的审计日志Excel");
        }

        if (string.IsNullOrEmpty(digest) || string.IsNullOrEmpty(signature))
        {
            return new ExportCheck(false, links.Count, "文件中没有完整性校验信息（不是门户导出的签名文件）");
        }

        string? signed;
        try
        {
            signed = signer.Unprotect(signature);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            signed = null;
        }

        if (signed != digest)
        {
            return new ExportCheck(false, links.Count, "签名无效：文件的校验信息不是本门户签发的，或已被改动");
        }

        if (Digest(links) != digest)
        {
            return new ExportCheck(false, links.Count, "文件内容已被改动：各行的链序号或链哈希与签名时不一致");
        }

        await using var db = portalDb.Open();
        var seqs = links.Where(l => l.Seq is not null).Select(l => l.Seq!.Value).ToArray();
        var stored = (await db.Database.SqlQueryRaw<Link>("SELECT id AS \"Id\", chain_seq AS \"ChainSeq\", chain_hash AS \"ChainHash\" FROM audit_log WHERE chain_seq = ANY({0})", seqs)
            .ToListAsync(ct)).ToDictionary(l => l.ChainSeq!.Value, l => l.ChainHash);
        var changed = links.FirstOrDefault(l => l.Seq is { } s && stored.GetValueOrDefault(s) != l.Hash);
        return changed.Seq is { } bad
            ? new ExportCheck(false, links.Count, $"签名有效，但审计日志第 {bad} 条记录自导出以来已被改动或删除")
            : new ExportCheck(true, links.Count, $"签名有效：{links.Count} 条记录与导出时一致，且与当前审计日志一致");
    }

    private static IQueryable<AuditEntry> Filter(AppDbContext db, Search search)
    {
        var query = db.AuditEntries.AsNoTracking();
        // A day before the campaign's records or past 2100 bounds nothing (and cannot overflow a timestamp).
        if (search.From is { } from && RecordDates.Within(from))
        {
            var start = ChinaTime.At(from, TimeOnly.MinValue); // Npgsql writes UTC only
            query = query.Where(a => a.At >= start);
        }

        if (search.To is { } to && RecordDates.Within(to))
        {
            var end = ChinaTime.At(to.AddDays(1), TimeOnly.MinValue);
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

        if (!string.IsNullOrWhiteSpace(search.Subject))
        {
            var subject = search.Subject.Trim();
            query = query.Where(a => a.SubjectName != null && a.SubjectName.Contains(subject));
        }

        if (!string.IsNullOrWhiteSpace(search.Q))
        {
            foreach (var word in search.Q.Split([' ', '　'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5))
            {
                query = query.Where(a => (a.ActionName != null && a.ActionName.Contains(word)) || (a.SubjectName != null && a.SubjectName.Contains(word))
                                         || a.Actor.Contains(word) || a.Action.Contains(word) || (a.Detail != null && a.Detail.Contains(word)));
            }
        }

        return query.OrderByDescending(a => a.Id);
    }
}
