using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Records;

/// <summary>
/// A phase of a campaign as one issuing jurisdiction names and dates it (SPEC §7: 动员部署, 企业自查自改和部门帮扶 …).
/// The documents' phases (000 nationally, 001 进贤县, 002 葛城街道, 003 红河州) come from data/campaign-phases.csv
/// with the seed's own words for their time (<see cref="Timing"/>, "具体时间由各地区根据实际情况确定") and work; the
/// dates are the span the portal uses to say which phase is current.
/// </summary>
public sealed class CampaignPhase
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string CampaignCode { get; set; } = string.Empty;

    public string IssuerJurisdictionCode { get; set; } = string.Empty;

    /// <summary>The phase's number in its document (（一）…（四）); 0 for a phase an office added.</summary>
    public int No { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The document's words for the phase's time ("2023年5月上旬前"); null for a phase an office added.</summary>
    public string? Timing { get; set; }

    /// <summary>The document's words for the phase's work, or null.</summary>
    public string? Work { get; set; }

    /// <summary>Where the phase is written ("000 三、阶段安排"), or null.</summary>
    public string? Source { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public static Error? Check(string? name, DateOnly startsOn, DateOnly endsOn, Campaign campaign)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            return Error.Invalid("name", "请填写阶段名称（不超过100字）");
        }

        if (endsOn < startsOn)
        {
            return Error.Invalid("endsOn", "阶段结束日期不能早于开始日期");
        }

        return startsOn < campaign.StartsOn || endsOn > campaign.EndsOn
            ? Error.Invalid("startsOn", $"阶段须在专项行动期间（{campaign.StartsOn:yyyy-MM-dd}至{campaign.EndsOn:yyyy-MM-dd}）")
            : null;
    }
}

/// <summary>A deliverable an issuer asks of the units below it by a due day (方案, 风险管控责任清单, 阶段工作情况, 总结).</summary>
public sealed class Deliverable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string CampaignCode { get; set; } = string.Empty;

    public Guid IssuerUnitId { get; set; }

    public string IssuerJurisdictionCode { get; set; } = string.Empty;

    public LTree IssuerPath { get; set; }

    public string Name { get; set; } = string.Empty;

    public DateOnly DueOn { get; set; }

    public Recipients Recipients { get; set; }
}

/// <summary>A unit's upload of a deliverable: the file (PDF, Word, Excel or an image, ≤ 20 MB) and a note; business row of the unit's node.</summary>
public sealed class DeliverableUpload : IEnterpriseOwned, IBusinessRow
{
    public const int MaxBytes = 20 * 1024 * 1024;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DeliverableId { get; set; }

    public string UnitKey { get; set; } = string.Empty;

    public string UnitName { get; set; } = string.Empty;

    public LTree Path { get; set; }

    public Guid? EnterpriseId { get; private set; }

    public string FileName { get; set; } = string.Empty;

    public string ContentType { get; set; } = string.Empty;

    public int Size { get; set; }

    public byte[] Content { get; set; } = [];

    public string? Note { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public string UploadedBy { get; set; } = string.Empty;

    public bool Late { get; set; }

    /// <summary>The file type by its first bytes (never the name): PDF, OOXML/ZIP (docx, xlsx), OLE (doc, xls), JPEG, PNG.</summary>
    /// <summary>Reads an uploaded file: not empty, at most 20 MB, and a PDF, Word, Excel file or image by its first bytes.</summary>
    public static async Task<Result<(byte[] Bytes, string ContentType)>> ReadAsync(Stream content, long? length, CancellationToken ct)
    {
        if (length is 0 or > MaxBytes)
        {
            return Error.Invalid("file", length is 0 ? "文件为空" : "文件不能超过20MB");
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length is 0 or > MaxBytes)
        {
            return Error.Invalid("file", buffer.Length == 0 ? "文件为空" : "文件不能超过20MB");
        }

        var bytes = buffer.ToArray();
        var type = DetectContentType(bytes.AsSpan(0, Math.Min(8, bytes.Length)));
        return type is null ? Error.Invalid("file", "只能上传PDF、Word、Excel文件或图片") : (bytes, type);
    }

    public static string? DetectContentType(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, ..] => "application/pdf",
        [0x50, 0x4B, 0x03, 0x04, ..] => "application/zip",
        [0xD0, 0xCF, 0x11, 0xE0, ..] => "application/x-ole-storage",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
        _ => null,
    };
}

/// <summary>
/// A task of an issuer's phase-by-phase checklist (003 附件3 推进明细表): phase, level (党委政府 / 部门 / 企业 …,
/// the seed's wording), number and text word for word, due day, and who reports its completion: the
/// issuer's child jurisdictions and/or its departments. Organisation data like deliverables.
/// </summary>
public sealed class CampaignTask
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string CampaignCode { get; set; } = string.Empty;

    public Guid IssuerUnitId { get; set; }

    public string IssuerJurisdictionCode { get; set; } = string.Empty;

    public LTree IssuerPath { get; set; }

    /// <summary>工作阶段及完成时限, as the seed heads it.</summary>
    public string Phase { get; set; } = string.Empty;

    /// <summary>层面区分: 党委政府层面, 部门层面, 企业层面（企业主要负责人）, 党委政府和部门层面, 党委政府、部门、企业.</summary>
    public string Level { get; set; } = string.Empty;

    public int No { get; set; }

    public string Text { get; set; } = string.Empty;

    public DateOnly DueOn { get; set; }

    public Recipients Recipients { get; set; }

    /// <summary>Ordering within the checklist (phase, level, number).</summary>
    public int Position { get; set; }
}

/// <summary>A unit's report that a checklist task is done: the day, a note and optionally an attachment; one per task and unit.</summary>
public sealed class TaskCompletion : IEnterpriseOwned, IBusinessRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TaskId { get; set; }

    public string UnitKey { get; set; } = string.Empty;

    public string UnitName { get; set; } = string.Empty;

    public LTree Path { get; set; }

    public Guid? EnterpriseId { get; private set; }

    public DateOnly DoneOn { get; set; }

    public string? Note { get; set; }

    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    public int Size { get; set; }

    public byte[]? Content { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public bool Late { get; set; }

    public uint Version { get; set; }
}
