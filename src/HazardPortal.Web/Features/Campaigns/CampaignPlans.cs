using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Campaigns;

/// <summary>
/// Campaigns (SPEC §7): an office adds a campaign without code changes; each issuing jurisdiction names
/// and dates its phases and asks its units for deliverables by due days; units upload them; the issuer
/// sees who has, who is late and who is missing.
/// </summary>
public sealed class CampaignPlans(PortalDb portalDb, DispatchReference reference, TimeProvider clock)
{
    public sealed record CampaignCommand(string? Code, string? Name, string? PlanTitle, DateOnly StartsOn, DateOnly EndsOn, DateOnly CommitmentDueOn);

    public sealed record PhaseCommand(string? Name, DateOnly StartsOn, DateOnly EndsOn);

    public sealed record DeliverableCommand(string? Name, DateOnly DueOn, bool ToChildJurisdictions = true, bool ToDepartments = false);

    /// <summary>A phase with the plan it belongs to (<paramref name="IssuerName"/>: 国务院安委会, 进贤县 …), the document's words for its time and work.</summary>
    public sealed record PhaseDto(Guid Id, string IssuerCode, string IssuerName, int No, string Name, string? Timing, string? Work, DateOnly StartsOn, DateOnly EndsOn, bool Current);

    public sealed record DeliverableDto(Guid Id, string IssuerCode, string IssuerName, string Name, DateOnly DueOn, bool Mine, bool Owed, DateTimeOffset? MyUploadAt, bool MyUploadLate);

    public sealed record CampaignDto(string Code, string Name, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<PhaseDto> Phases, IReadOnlyList<DeliverableDto> Deliverables);

    public sealed record UploadRow(string Unit, string Name, Guid? UploadId, string? FileName, DateTimeOffset? UploadedAt, bool Late, string? Note);

    private string OwnCode => portalDb.Scope.OwnCode!;

    /// <summary>A 安委办 (or a township's cadres, for their villages) acts as issuer at its own node.</summary>
    private bool IsIssuer => IssuingRules.IsIssuer(portalDb.Scope);

    public async Task<List<CampaignDto>> ListAsync(CancellationToken ct = default)
    {
        var known = await reference.GetAsync(portalDb, ct);
        await using var db = portalDb.Open();
        var own = OwnCode;
        var chain = portalDb.Scope.Chain.ToList();
        var myKey = MyUnitKey();
        var today = ChinaTime.Today(clock);
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartsOn).ToListAsync(ct);
        var phases = await db.CampaignPhases.AsNoTracking().Where(p => chain.Contains(p.IssuerJurisdictionCode)).ToListAsync(ct);
        var planNames = await db.Jurisdictions.AsNoTracking().Where(j => chain.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);
        var parent = portalDb.Scope.ParentCode;
        var deliverables = await db.Deliverables.AsNoTracking().Where(d => d.IssuerJurisdictionCode == own || d.IssuerJurisdictionCode == parent).OrderBy(d => d.DueOn).ToListAsync(ct);
        var ids = deliverables.Select(d => d.Id).ToList();
        var mine = (await db.DeliverableUploads.AsNoTracking().Where(u => ids.Contains(u.DeliverableId) && u.UnitKey == myKey)
            .Select(u => new { u.DeliverableId, u.UploadedAt, u.Late }).ToListAsync(ct)).GroupBy(u => u.DeliverableId).ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.UploadedAt).First());
        var names = await db.Units.AsNoTracking().Where(u => deliverables.Select(d => d.IssuerUnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return campaigns.Select(c => new CampaignDto(c.Code, c.Name, c.StartsOn, c.EndsOn,
            phases.Where(p => p.CampaignCode == c.Code)
                .OrderBy(p => chain.IndexOf(p.IssuerJurisdictionCode)).ThenBy(p => p.No == 0 ? int.MaxValue : p.No).ThenBy(p => p.StartsOn)
                .Select(p => Phase(p, PlanName(p.IssuerJurisdictionCode, planNames), today)).ToList(),
            deliverables.Where(d => d.CampaignCode == c.Code).Select(d => new DeliverableDto(d.Id, d.IssuerJurisdictionCode, names.GetValueOrDefault(d.IssuerUnitId, known.IssuerNames.GetValueOrDefault(d.IssuerUnitId, string.Empty)),
                d.Name, d.DueOn, d.IssuerJurisdictionCode == own && IsIssuer, Owes(d), mine.GetValueOrDefault(d.Id)?.UploadedAt, mine.GetValueOrDefault(d.Id)?.Late ?? false)).ToList())).ToList();
    }

    public async Task<Result<CampaignDto>> CreateCampaignAsync(CampaignCommand c, CancellationToken ct = default)
    {
        if (!AccessRules.IsSafetyOffice(portalDb.Scope))
        {
            return Error.Forbidden("专项行动由安委办设立");
        }

        if (string.IsNullOrWhiteSpace(c.Code) || c.Code.Length > 20 || !c.Code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
        {
            return Error.Invalid("code", "请填写专项行动代码（字母、数字或连字符，不超过20位）");
        }

        if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 200)
        {
            return Error.Invalid("name", "请填写专项行动名称（不超过200字）");
        }

        if (c.StartsOn == default || c.EndsOn < c.StartsOn)
        {
            return Error.Invalid("endsOn", "请填写开始和结束日期，结束不能早于开始");
        }

        await using var db = portalDb.Open();
        if (await db.Campaigns.AnyAsync(x => x.Code == c.Code, ct))
        {
            return Error.Conflict("专项行动代码已存在");
        }

        var campaign = new Campaign
        {
            Code = c.Code, Name = c.Name.Trim(), PlanTitle = string.IsNullOrWhiteSpace(c.PlanTitle) ? c.Name.Trim() + "方案" : c.PlanTitle.Trim(),
            StartsOn = c.StartsOn, EndsOn = c.EndsOn, CommitmentDueOn = c.CommitmentDueOn == default ? c.StartsOn.AddDays(9) : c.CommitmentDueOn,
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        reference.Invalidate();
        return new CampaignDto(campaign.Code, campaign.Name, campaign.StartsOn, campaign.EndsOn, [], []);
    }

    public async Task<Result<PhaseDto>> AddPhaseAsync(string code, PhaseCommand c, CancellationToken ct = default)
    {
        if (!IsIssuer)
        {
            return Error.Forbidden("阶段由本级安委办安排");
        }

        await using var db = portalDb.Open();
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (campaign is null)
        {
            return Error.NotFound("专项行动");
        }

        if (CampaignPhase.Check(c.Name, c.StartsOn, c.EndsOn, campaign) is { } bad)
        {
            return bad;
        }

        var phase = new CampaignPhase { CampaignCode = code, IssuerJurisdictionCode = OwnCode, Name = c.Name!.Trim(), StartsOn = c.StartsOn, EndsOn = c.EndsOn };
        db.CampaignPhases.Add(phase);
        await db.SaveChangesAsync(ct);
        var names = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == phase.IssuerJurisdictionCode).ToDictionaryAsync(j => j.Code, j => j.Name, ct);
        return Phase(phase, PlanName(phase.IssuerJurisdictionCode, names), ChinaTime.Today(clock));
    }

    private static PhaseDto Phase(CampaignPhase p, string issuerName, DateOnly today) =>
        new(p.Id, p.IssuerJurisdictionCode, issuerName, p.No, p.Name, p.Timing, p.Work, p.StartsOn, p.EndsOn, p.StartsOn <= today && today <= p.EndsOn);

    /// <summary>Whose plan a phase belongs to: 国务院安委会 for the national one, else the jurisdiction's name.</summary>
    private static string PlanName(string code, IReadOnlyDictionary<string, string> names) =>
        code == Jurisdiction.RootCode ? "国务院安委会"
            : names.GetValueOrDefault(code) ?? Core.ReferenceData.ReferenceDataImporter.JurisdictionNames.GetValueOrDefault(code, code); // an ancestor's row is outside the scope; its name is reference data

    public async Task<Result<DeliverableDto>> AddDeliverableAsync(string code, DeliverableCommand c, CancellationToken ct = default)
    {
        if (!IsIssuer || portalDb.Scope.UnitId is not { } unit)
        {
            return Error.Forbidden("报送材料由本级安委办布置");
        }

        if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 200)
        {
            return Error.Invalid("name", "请填写材料名称（不超过200字）");
        }

        if (!c.ToChildJurisdictions && !c.ToDepartments)
        {
            return Error.Invalid("recipients", "请选择报送单位：下级地区或本级部门");
        }

        await using var db = portalDb.Open();
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (campaign is null)
        {
            return Error.NotFound("专项行动");
        }

        if (c.DueOn < campaign.StartsOn || c.DueOn > campaign.EndsOn.AddMonths(1))
        {
            return Error.Invalid("dueOn", "报送期限须在专项行动期间");
        }

        var deliverable = new Deliverable
        {
            CampaignCode = code, IssuerUnitId = unit, IssuerJurisdictionCode = OwnCode, IssuerPath = new LTree(portalDb.Scope.Path!), Name = c.Name.Trim(), DueOn = c.DueOn,
            Recipients = (c.ToChildJurisdictions ? Recipients.ChildJurisdictions : Recipients.None) | (c.ToDepartments ? Recipients.Departments : Recipients.None),
        };
        db.Deliverables.Add(deliverable);
        await db.SaveChangesAsync(ct);
        return new DeliverableDto(deliverable.Id, OwnCode, portalDb.Scope.UnitName, deliverable.Name, deliverable.DueOn, true, false, null, false);
    }

    /// <summary>A unit that owes the deliverable uploads it (PDF, Word, Excel or an image by its first bytes, ≤ 20 MB).</summary>
    public async Task<Result<Guid>> UploadAsync(Guid id, Stream content, long? length, string? fileName, string? note, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var deliverable = await db.Deliverables.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deliverable is null || !Owes(deliverable))
        {
            return Error.NotFound("报送材料");
        }

        var read = await DeliverableUpload.ReadAsync(content, length, ct);
        if (!read.Succeeded)
        {
            return read.Error!;
        }

        var (bytes, type) = read.Value;
        if (note is { Length: > 1000 })
        {
            return Error.Invalid("note", "说明不超过1000字");
        }

        var scope = portalDb.Scope;
        var upload = new DeliverableUpload
        {
            DeliverableId = id, UnitKey = MyUnitKey(), UnitName = scope.UnitName, Path = new LTree(scope.Path!),
            FileName = Path.GetFileName(fileName ?? "材料")[..Math.Min(200, Path.GetFileName(fileName ?? "材料").Length)],
            ContentType = type, Size = bytes.Length, Content = bytes, Note = note?.Trim(), UploadedAt = clock.GetUtcNow(), UploadedBy = scope.DisplayName,
            Late = ChinaTime.Today(clock) > deliverable.DueOn,
        };
        db.DeliverableUploads.Add(upload);
        await db.SaveChangesAsync(ct);
        return upload.Id;
    }

    /// <summary>The issuer's view: every unit that owes the deliverable, with its latest upload, late or missing.</summary>
    public async Task<Result<List<UploadRow>>> StatusAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var deliverable = await db.Deliverables.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deliverable is null || !(portalDb.Scope.Contains(deliverable.IssuerPath.ToString()) || Owes(deliverable)))
        {
            return Error.NotFound("报送材料");
        }

        if (deliverable.IssuerJurisdictionCode != OwnCode || !IsIssuer)
        {
            return Error.Forbidden("只有布置单位可以查看报送情况");
        }

        var units = await IssueRecipients.ListAsync(db, deliverable.IssuerJurisdictionCode, deliverable.Recipients, ct);
        var uploads = (await db.DeliverableUploads.AsNoTracking().Where(u => u.DeliverableId == id)
                .Select(u => new { u.Id, u.UnitKey, u.FileName, u.UploadedAt, u.Late, u.Note }).ToListAsync(ct))
            .GroupBy(u => u.UnitKey).ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.UploadedAt).First());
        return units.Select(u => uploads.GetValueOrDefault(u.Key) is { } up
            ? new UploadRow(u.Key, u.Name, up.Id, up.FileName, up.UploadedAt, up.Late, up.Note)
            : new UploadRow(u.Key, u.Name, null, null, null, ChinaTime.Today(clock) > deliverable.DueOn, null)).ToList();
    }

    public async Task<Result<(byte[] Content, string ContentType, string FileName)>> DownloadAsync(Guid uploadId, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var upload = await db.DeliverableUploads.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uploadId, ct);
        return upload is null ? Error.NotFound("文件") : (upload.Content, upload.ContentType, upload.FileName);
    }

    private string MyUnitKey() => DispatchRules.UnitKeyOf(portalDb.Scope);

    private bool Owes(Deliverable d) => DispatchRules.Owes(portalDb.Scope, d.IssuerJurisdictionCode, d.Recipients);
}
