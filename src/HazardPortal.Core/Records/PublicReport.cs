using System.Security.Cryptography;
using HazardPortal.Core.Common;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Records;

public enum PublicReportStatus
{
    /// <summary>已受理: waiting for the county 安委办.</summary>
    Received,

    /// <summary>已核实: turned into a hazard (source PublicReport).</summary>
    Accepted,

    /// <summary>不予立案: dismissed with a reason.</summary>
    Dismissed,

    /// <summary>交乡镇核查: the county 安委办 handed it to a township to check by a due day.</summary>
    Assigned,

    /// <summary>乡镇已回复: the township replied with its findings; the county triages it.</summary>
    Replied,
}

/// <summary>
/// A report from the public (举报, SPEC §5). Belongs to the node of the place it names; filed through
/// the one narrow public intake; the reporter's identity and the queue are for the county 安委办 of that
/// place alone (001: 举报人信息保密). The query code shows the reporter the status and nothing else.
/// </summary>
public sealed class PublicReport : FieldRecord
{
    public const int QueryCodeLength = 12;

    /// <summary>The query code: 12 characters from an alphabet without look-alikes (≈ 60 bits).</summary>
    public string QueryCode { get; set; } = string.Empty;

    public string? SubjectName { get; set; }

    public string Location { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public bool Anonymous { get; set; }

    public string? ReporterName { get; set; }

    public string? ReporterPhone { get; set; }

    public PublicReportStatus Status { get; set; }

    public Guid? HazardId { get; set; }

    public string? DismissReason { get; set; }

    public DateOnly? TriagedOn { get; set; }

    public string? TriagedBy { get; set; }

    /// <summary>The China day of the last change the reporter can see.</summary>
    public DateOnly UpdatedOn { get; set; }

    /// <summary>The form's one-time token: a replayed or double-clicked submission finds the report it already made.</summary>
    public string? IntakeToken { get; set; }

    /// <summary>The township the county handed the report to, to check (its code).</summary>
    public string? CheckTownshipCode { get; set; }

    public string? CheckTownshipName { get; set; }

    public DateOnly? CheckAssignedOn { get; set; }

    public DateOnly? CheckDueOn { get; set; }

    public string? CheckAssignedBy { get; set; }

    /// <summary>What the township found.</summary>
    public string? CheckFindings { get; set; }

    public DateOnly? CheckRepliedOn { get; set; }

    public string? CheckRepliedBy { get; set; }

    public const int FindingsMax = 4000;

    /// <summary>Still with the county or the township: not yet a hazard, not dismissed.</summary>
    public bool IsOpen => Status is PublicReportStatus.Received or PublicReportStatus.Assigned or PublicReportStatus.Replied;

    /// <summary>The county hands the report to one of its townships to check by a day; the report moves to the township's node.</summary>
    public Error? Assign(string townshipCode, string townshipName, string townshipPath, DateOnly dueOn, DateOnly today, string by)
    {
        if (!IsOpen)
        {
            return Error.Conflict("该举报已处理");
        }

        if (dueOn < today)
        {
            return Error.Invalid("dueOn", "核查期限不能早于今天");
        }

        if (RecordDates.Check(dueOn, "dueOn", "核查期限") is { } outside)
        {
            return outside;
        }

        PlaceAt(townshipCode, townshipPath);
        (CheckTownshipCode, CheckTownshipName, CheckAssignedOn, CheckDueOn, CheckAssignedBy) = (townshipCode, townshipName, today, dueOn, by);
        (CheckFindings, CheckRepliedOn, CheckRepliedBy) = (null, null, null);
        Status = PublicReportStatus.Assigned;
        UpdatedOn = today;
        return null;
    }

    /// <summary>The township's findings; the county then triages.</summary>
    public Error? Reply(string? findings, DateOnly today, string by)
    {
        if (Status != PublicReportStatus.Assigned)
        {
            return Error.Conflict(Status == PublicReportStatus.Replied ? "已回复，如需补充请联系县安委办" : "该举报未交本乡镇核查");
        }

        if (string.IsNullOrWhiteSpace(findings))
        {
            return Error.Invalid("findings", "请填写核查情况");
        }

        if (findings.Trim().Length > FindingsMax)
        {
            return Error.Invalid("findings", "核查情况不超过4000字");
        }

        (CheckFindings, CheckRepliedOn, CheckRepliedBy) = (findings.Trim(), today, by);
        Status = PublicReportStatus.Replied;
        UpdatedOn = today;
        return null;
    }

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string NewQueryCode() =>
        string.Create(QueryCodeLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    /// <summary>Normalises what a reporter typed (case, spaces, dashes) before the lookup.</summary>
    public static string? NormaliseQueryCode(string? code)
    {
        var cleaned = new string((code ?? string.Empty).Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return cleaned.Length == QueryCodeLength && cleaned.All(Alphabet.Contains) ? cleaned : null;
    }

    public Error? Accept(Guid hazardId, DateOnly today, string by)
    {
        if (!IsOpen)
        {
            return Error.Conflict("该举报已处理");
        }

        Status = PublicReportStatus.Accepted;
        HazardId = hazardId;
        TriagedOn = today;
        TriagedBy = by;
        UpdatedOn = today;
        return null;
    }

    public Error? Dismiss(string? reason, DateOnly today, string by)
    {
        if (!IsOpen)
        {
            return Error.Conflict("该举报已处理");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Error.Invalid("dismissReason", "请填写不予立案的理由");
        }

        Status = PublicReportStatus.Dismissed;
        DismissReason = reason.Trim();
        TriagedOn = today;
        TriagedBy = by;
        UpdatedOn = today;
        return null;
    }

    /// <summary>What the reporter reads: the township's check is part of "正在核查".</summary>
    public static string StatusName(PublicReportStatus status) => status switch
    {
        PublicReportStatus.Received or PublicReportStatus.Assigned or PublicReportStatus.Replied => "已受理，正在核查",
        PublicReportStatus.Accepted => "经核查属实，已列入隐患整改",
        PublicReportStatus.Dismissed => "经核查不予立案",
        _ => status.ToString(),
    };

    /// <summary>What the county and the township read.</summary>
    public static string OfficeStatusName(PublicReportStatus status) => status switch
    {
        PublicReportStatus.Received => "待受理",
        PublicReportStatus.Assigned => "乡镇核查中",
        PublicReportStatus.Replied => "乡镇已回复",
        PublicReportStatus.Accepted => "已列为隐患",
        PublicReportStatus.Dismissed => "不予立案",
        _ => status.ToString(),
    };
}

/// <summary>A photo sent with a public report; same checks as hazard photos, same node as its report.</summary>
public sealed class PublicReportPhoto : IEnterpriseOwned, IBusinessRow
{
    public const int MaxPerReport = 6;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PublicReportId { get; set; }

    public Guid? EnterpriseId { get; set; }

    public LTree Path { get; set; }

    public required string ContentType { get; set; }

    public int Size { get; set; }

    public byte[] Content { get; set; } = [];

    /// <summary>Where and when the camera says the photo was taken (from its EXIF block), when it said.</summary>
    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public DateTimeOffset? TakenAt { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>Sent by the township with its findings (not by the reporter).</summary>
    public bool FromCheck { get; set; }
}
