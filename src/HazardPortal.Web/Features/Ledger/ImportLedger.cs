using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using ClosedXML.Excel;
using HazardPortal.Web.Features.Shared;
using FluentValidation;
using HazardPortal.Core;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>
/// Importing an existing ledger from .xlsx: the preview checks every row and writes nothing; the
/// commit registers the valid rows through the same handler as the form, each with an idempotency
/// key made of the file's hash and the row number, so importing the same file twice adds nothing.
/// </summary>
public sealed class ImportLedger(PortalDb portalDb, RegisterHazard.Handler register, IValidator<NewHazard> validator, TimeProvider clock)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 5000;


    public static readonly string[] Headers =
    [
        "企业统一社会信用代码或场所名称", "隐患名称", "隐患描述", "排查地点", "隐患等级（重大/一般）", "发现日期", "判定依据代码", "条款",
        "整改责任人", "整改措施", "整改资金（元）", "整改期限", "应急预案", "即查即改（是/否）", "整改日期", "整改情况",
    ];

    public sealed record RowError(int Row, string Reason);

    public sealed record Preview(string FileHash, int Rows, List<(int Row, NewHazard Command)> Valid, List<RowError> Errors);

    public sealed record Outcome(int Imported, List<RowError> Errors);

    public static byte[] Template()
    {
        using var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = Shared.PrintSetup.BodyFont;
        var sheet = workbook.AddWorksheet("隐患台账");
        for (var i = 0; i < Headers.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = Headers[i];
            sheet.Column(i + 1).Width = i is 1 or 2 or 9 or 12 or 15 ? 28 : 16;
        }

        sheet.Row(1).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#F2F2F2"));
        object[] example = ["91360124MA1NH73510", "冲床光电保护装置失效", "三号冲床光电保护被短接", "冲压车间", "重大", "2023-06-05", "MAH-INDTRADE-2023", "第十条", "周磊", "恢复光电保护", 3000, "2023-06-30", "停机警戒", "否", "", ""];
        for (var i = 0; i < example.Length; i++)
        {
            sheet.Cell(2, i + 1).Value = example[i].ToString();
        }

        var help = workbook.AddWorksheet("填写说明");
        help.Cell(1, 1).Value = "1. 每行一条隐患，第一行为表头，请勿修改表头；示例行请删除后填写。";
        help.Cell(2, 1).Value = "2. 企业账号导入本企业台账时，第一列可留空。";
        help.Cell(3, 1).Value = "3. 日期格式为 yyyy-MM-dd；隐患等级填“重大”或“一般”；即查即改填“是”或“否”。";
        help.Cell(4, 1).Value = "4. 重大隐患须即查即改（填写整改日期和整改情况）或填写完整的“五落实”，否则将保存为草稿。";
        help.Cell(5, 1).Value = "5. 判定依据代码见系统中“判定依据”列表（如 MAH-INDTRADE-2023）。不接受公式和宏，文件不超过5MB。";
        help.Column(1).Width = 90;
        Shared.PrintSetup.A4(sheet, landscape: true, repeatFrom: 1);
        Shared.PrintSetup.A4(help, landscape: false);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>The workbook, or null for bytes that are not one (the caller owns and disposes it).</summary>
    private static XLWorkbook? Open(Stream source)
    {
        try
        {
            return new XLWorkbook(source);
        }
        catch (Exception ex) when (ex is InvalidDataException or FileFormatException or ArgumentException or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    /// <summary>Checks every row; writes nothing.</summary>
    public async Task<Result<Preview>> PreviewAsync(Stream content, long? length, CancellationToken ct = default)
    {
        if (length > MaxBytes)
        {
            return Error.Invalid("file", "文件不能超过5MB");
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes)
        {
            return Error.Invalid("file", "文件不能超过5MB");
        }

        if (buffer.Length == 0)
        {
            return Error.Invalid("file", "文件为空");
        }

        var bytes = buffer.ToArray();
        if (SpreadsheetIntake.Inspect(bytes, MaxRows) is { } refusal)
        {
            return Error.Invalid("file", refusal);
        }

        using var source = new MemoryStream(bytes);
        using var workbook = Open(source);
        if (workbook is null)
        {
            return Error.Invalid("file", "无法读取该文件，请使用系统提供的.xlsx模板");
        }

        {
            var sheet = workbook.Worksheets.First();
            if (sheet.CellsUsed(c => c.HasFormula).Any())
            {
                return Error.Invalid("file", "文件中含有公式，请将公式转换为数值后再导入");
            }

            for (var i = 0; i < Headers.Length; i++)
            {
                if (sheet.Cell(1, i + 1).GetString().Trim() != Headers[i])
                {
                    return Error.Invalid("file", $"第{i + 1}列表头应为“{Headers[i]}”，请使用系统提供的模板");
                }
            }

            var last = sheet.LastRowUsed()?.RowNumber() ?? 1;
            if (last - 1 > MaxRows)
            {
                return Error.Invalid("file", $"一次最多导入{MaxRows}行");
            }

            var valid = new List<(int, NewHazard)>();
            var errors = new List<RowError>();
            await using var db = portalDb.Open();
            var ownEnterprise = portalDb.Scope.EnterpriseId;
            var standards = await db.Standards.Select(s => s.Code).ToHashSetAsync(ct);
            var today = ChinaTime.Today(clock);

            // Resolve every row's subject in two queries, not one per row.
            var names = Enumerable.Range(2, Math.Max(0, last - 1)).Select(r => sheet.Cell(r, 1).GetString().Trim()).Where(n => n.Length > 0).Distinct().ToList();
            var enterprisesByCode = await db.Enterprises.Where(e => names.Contains(e.Uscc)).ToDictionaryAsync(e => e.Uscc, e => e.Id, ct);
            var placesByName = (await db.Places.Where(p => names.Contains(p.Name)).Select(p => new { p.Name, p.Id }).ToListAsync(ct))
                .GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Select(p => p.Id).ToList());
            for (var r = 2; r <= last; r++)
            {
                var row = sheet.Row(r);
                if (row.CellsUsed().All(c => string.IsNullOrWhiteSpace(c.GetString())))
                {
                    continue;
                }

                var reasons = new List<string>();
                string Text(int column) => row.Cell(column).GetString().Trim();
                DateOnly? Date(int column, string name)
                {
                    var cell = row.Cell(column);
                    if (cell.IsEmpty())
                    {
                        return null;
                    }

                    if (cell.DataType == XLDataType.DateTime)
                    {
                        return DateOnly.FromDateTime(cell.GetDateTime());
                    }

                    if (DateOnly.TryParseExact(cell.GetString().Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    {
                        return d;
                    }

                    reasons.Add($"{name}格式不正确（应为yyyy-MM-dd）");
                    return null;
                }

                var command = new NewHazard
                {
                    Title = Text(2),
                    Description = NullIfEmpty(Text(3)),
                    Location = NullIfEmpty(Text(4)),
                    Immediate = Text(14) == "是",
                };
                command.Grade = Text(5) switch
                {
                    "重大" => HazardGrade.Major,
                    "一般" => HazardGrade.General,
                    var g => Invalid(reasons, $"隐患等级应为“重大”或“一般”，实为“{g}”"),
                };
                command.FoundOn = Date(6, "发现日期") ?? default;
                var standard = Text(7);
                if (standard.Length > 0)
                {
                    if (!standards.Contains(standard))
                    {
                        reasons.Add($"判定依据代码“{standard}”不存在");
                    }

                    command.Basis = new HazardBasis(standard, NullIfEmpty(Text(8)));
                }

                decimal? funds = null;
                if (Text(11) is { Length: > 0 } fundsText)
                {
                    if (decimal.TryParse(fundsText, NumberStyles.Number, CultureInfo.InvariantCulture, out var f))
                    {
                        funds = f;
                    }
                    else
                    {
                        reasons.Add("整改资金应为数字");
                    }
                }

                command.Plan = new RectificationPlan
                {
                    ResponsiblePerson = NullIfEmpty(Text(9)),
                    Measures = NullIfEmpty(Text(10)),
                    Funds = funds,
                    Deadline = Date(12, "整改期限"),
                    EmergencyPlan = NullIfEmpty(Text(13)),
                };
                if (command.Immediate)
                {
                    command.RectifiedOn = Date(15, "整改日期");
                    command.RectificationDescription = NullIfEmpty(Text(16));
                }

                var subject = Text(1);
                if (subject.Length == 0 && ownEnterprise is not null)
                {
                    command.EnterpriseId = ownEnterprise;
                }
                else if (CreditCode.IsValid(subject))
                {
                    command.EnterpriseId = enterprisesByCode.TryGetValue(subject, out var found) ? found : null;
                    if (command.EnterpriseId is null)
                    {
                        reasons.Add($"统一社会信用代码“{subject}”对应的企业不存在或不在您的管辖范围内");
                    }
                }
                else if (subject.Length > 0)
                {
                    var places = placesByName.GetValueOrDefault(subject) ?? [];
                    if (places.Count == 1)
                    {
                        command.PlaceId = places[0];
                    }
                    else
                    {
                        reasons.Add(subject.Length == 18 ? $"统一社会信用代码有误：{CreditCode.Validate(subject)}" : $"场所“{subject}”{(places.Count == 0 ? "不存在或不在您的管辖范围内" : "有重名，请改用企业信用代码")}");
                    }
                }
                else
                {
                    reasons.Add("请填写企业统一社会信用代码或场所名称");
                }

                if (ownEnterprise is not null && command.EnterpriseId is { } e && e != ownEnterprise)
                {
                    reasons.Add("企业只能导入本企业的隐患");
                }

                if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
                {
                    reasons.AddRange(invalid.Messages);
                }

                if (command.FoundOn != default && command.FoundOn > today)
                {
                    reasons.Add("发现日期不能晚于今天");
                }

                if (command.Plan.Deadline is { } deadline && command.FoundOn != default && deadline < command.FoundOn)
                {
                    reasons.Add("整改期限不能早于发现日期");
                }

                if (command.Immediate && (command.RectifiedOn is null || command.RectificationDescription is null))
                {
                    reasons.Add("即查即改须填写整改日期和整改情况");
                }

                if (reasons.Count > 0)
                {
                    errors.Add(new RowError(r, string.Join("；", reasons.Distinct())));
                }
                else
                {
                    valid.Add((r, command));
                }
            }

            return new Preview(Convert.ToHexString(SHA256.HashData(bytes))[..16], last - 1, valid, errors);
        }
    }

    /// <summary>Registers the valid rows, reporting progress; rows refused at this point are reported, never half-written.</summary>
    public async Task<Outcome> CommitAsync(Preview preview, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var errors = new List<RowError>();
        var done = 0;
        foreach (var (row, command) in preview.Valid)
        {
            var result = await register.HandleAsync(command, $"import-{preview.FileHash}-{row}", ct);
            if (!result.Succeeded)
            {
                errors.Add(new RowError(row, string.Join("；", result.Error!.Messages)));
            }

            progress?.Report(++done);
        }

        return new Outcome(preview.Valid.Count - errors.Count, errors);
    }

    private static HazardGrade Invalid(List<string> reasons, string reason)
    {
        reasons.Add(reason);
        return HazardGrade.Major;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
