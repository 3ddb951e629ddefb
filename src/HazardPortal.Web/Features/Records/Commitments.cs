using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// 安全生产承诺回执书 (000 annex 3): one per enterprise and campaign, addressed to its industry
/// department, signed by the head's own account, due 5/10; lists of who has and has not returned it.
/// </summary>
public sealed class Commitments(PortalDb portalDb, TimeProvider clock)
{
    public sealed record CreateCommand(Guid? EnterpriseId, string? Campaign);

    public sealed record ReceiptDto(
        Guid Id, Guid EnterpriseId, string Enterprise, string CampaignCode, string CampaignName, string DepartmentName, string Text, DateOnly DueOn,
        bool IsSigned, string? SignedBy, DateTimeOffset? SignedAt, DateOnly? SignedOn, bool Late);

    public enum ReturnState
    {
        /// <summary>No receipt yet.</summary>
        Missing,

        /// <summary>Prepared but not signed by the head.</summary>
        NotSigned,

        Returned,

        ReturnedLate,
    }

    public sealed record StatusRow(Guid? ReceiptId, Guid EnterpriseId, string Enterprise, string JurisdictionCode, string Jurisdiction, string? DepartmentName, ReturnState State, DateOnly? SignedOn, bool Overdue);

    public sealed record GroupRow(string Key, string Name, int Enterprises, int Returned, int Late, int NotReturned);

    public sealed record StatusReport(string CampaignName, DateOnly DueOn, IReadOnlyList<StatusRow> Rows, IReadOnlyList<GroupRow> ByTownship, IReadOnlyList<GroupRow> ByDepartment, IReadOnlyList<GroupRow> ByCounty);

    /// <summary>Prepares the enterprise's receipt for a campaign (or returns the one already there).</summary>
    public async Task<Result<ReceiptDto>> CreateAsync(CreateCommand command, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (scope.EnterpriseId is not { } own)
        {
            return Error.Forbidden("承诺回执书由企业填写、主要负责人签署");
        }

        if ((command.EnterpriseId ?? own) != own)
        {
            return Error.Forbidden("企业只能填写本企业的承诺回执书");
        }

        await using var db = portalDb.Open();
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Code == (command.Campaign ?? Campaign.Default), ct);
        if (campaign is null)
        {
            return Error.Invalid("campaign", "专项行动不存在");
        }

        var existing = await db.CommitmentReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.EnterpriseId == own && r.CampaignCode == campaign.Code, ct);
        if (existing is not null)
        {
            return await ToDtoAsync(db, existing, campaign, ct);
        }

        var placement = await RecordSupport.PlaceAsync(db, scope, own, null, null, ct);
        if (!placement.Succeeded)
        {
            return placement.Error!;
        }

        var departments = await HazardRouting.IndustryDepartmentsAsync(db, own, ct);
        var department = departments.Count > 0 ? departments[0] : null;

        var receipt = new CommitmentReceipt
        {
            CampaignCode = campaign.Code,
            On = ChinaTime.Today(clock),
            DueOn = campaign.CommitmentDueOn,
            DepartmentId = department?.Id,
            DepartmentName = department?.Name ?? "行业主管部门",
        };
        RecordSupport.Stamp(RecordSupport.At(receipt, placement.Value!), scope);
        db.CommitmentReceipts.Add(receipt);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Prepared twice at once: the unique index kept one; answer with it. Any other failure is not swallowed.
            await using var again = portalDb.Open();
            var kept = await again.CommitmentReceipts.AsNoTracking().SingleAsync(r => r.EnterpriseId == own && r.CampaignCode == campaign.Code, ct);
            return await ToDtoAsync(again, kept, campaign, ct);
        }

        return await ToDtoAsync(db, receipt, campaign, ct);
    }

    /// <summary>The head signs with their own account; an officer cannot.</summary>
    public async Task<Result<ReceiptDto>> SignAsync(Guid id, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        await using var db = portalDb.Open();
        var receipt = await db.CommitmentReceipts.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (receipt is null)
        {
            return Error.NotFound("承诺回执书");
        }

        var isHead = RecordRules.IsHeadOf(scope, receipt.EnterpriseId);
        if (receipt.Sign(scope.UserId ?? Guid.Empty, scope.DisplayName, isHead, clock.GetUtcNow(), ChinaTime.Today(clock)) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Code == receipt.CampaignCode, ct);
        return await ToDtoAsync(db, receipt, campaign, ct);
    }

    public async Task<Result<ReceiptDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var receipt = await db.CommitmentReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (receipt is null)
        {
            return Error.NotFound("承诺回执书");
        }

        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Code == receipt.CampaignCode, ct);
        return await ToDtoAsync(db, receipt, campaign, ct);
    }

    /// <summary>The signed-in enterprise's receipt for a campaign, if prepared.</summary>
    public async Task<ReceiptDto?> MineAsync(string? campaignCode = null, CancellationToken ct = default)
    {
        if (portalDb.Scope.EnterpriseId is not { } own)
        {
            return null;
        }

        await using var db = portalDb.Open();
        var code = campaignCode ?? Campaign.Default;
        var receipt = await db.CommitmentReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.EnterpriseId == own && r.CampaignCode == code, ct);
        if (receipt is null)
        {
            return null;
        }

        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Code == code, ct);
        return await ToDtoAsync(db, receipt, campaign, ct);
    }

    /// <summary>
    /// Who has and has not returned the receipt: every enterprise in scope (under a jurisdiction if
    /// given; for a department user, the enterprises whose receipt goes to it or whose sectors it
    /// supervises), with totals per township, department and county.
    /// </summary>
    public async Task<Result<StatusReport>> StatusAsync(string? jurisdiction, string? campaignCode, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        await using var db = portalDb.Open();
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Code == (campaignCode ?? Campaign.Default), ct);
        if (campaign is null)
        {
            return Error.NotFound("专项行动");
        }

        var today = ChinaTime.Today(clock);
        var enterprises = db.Enterprises.Where(e => !e.Disabled);
        if (!string.IsNullOrWhiteSpace(jurisdiction))
        {
            var node = await db.Jurisdictions.Where(j => j.Code == jurisdiction).Select(j => new { j.Path }).SingleOrDefaultAsync(ct);
            if (node is null)
            {
                return Error.NotFound("行政区划");
            }

            enterprises = enterprises.Where(e => e.Path.IsDescendantOf(node.Path));
        }

        var receipts = db.CommitmentReceipts.Where(r => r.CampaignCode == campaign.Code);
        if (AccessRules.DepartmentOf(scope) is { } unitId)
        {
            var sectors = await db.Units.Where(u => u.Id == unitId).Select(u => u.SectorCodes).SingleAsync(ct);
            var mine = receipts.Where(r => r.DepartmentId == unitId).Select(r => r.EnterpriseId);
            enterprises = enterprises.Where(e => sectors.Contains(e.SectorCode) || mine.Contains(e.Id));
        }

        var rows = await enterprises.OrderBy(e => e.JurisdictionCode).ThenBy(e => e.Name).Take(10000)
            .Select(e => new
            {
                e.Id, e.Name, e.JurisdictionCode, e.Path,
                Receipt = receipts.Where(r => r.EnterpriseId == e.Id).Select(r => new { r.Id, r.DepartmentName, r.SignedOn, r.DueOn }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var codes = rows.SelectMany(r => JurisdictionPath.Labels(r.Path.ToString())).Distinct().ToList();
        var names = await RecordSupport.JurisdictionNamesAsync(db, codes, ct);
        var result = rows.Select(r =>
        {
            var state = r.Receipt is null ? ReturnState.Missing
                : r.Receipt.SignedOn is null ? ReturnState.NotSigned
                : r.Receipt.SignedOn > r.Receipt.DueOn ? ReturnState.ReturnedLate
                : ReturnState.Returned;
            var overdue = state is ReturnState.Missing or ReturnState.NotSigned && today > campaign.CommitmentDueOn;
            return (Row: new StatusRow(r.Receipt?.Id, r.Id, r.Name, r.JurisdictionCode, names.GetValueOrDefault(r.JurisdictionCode, r.JurisdictionCode), r.Receipt?.DepartmentName, state, r.Receipt?.SignedOn, overdue),
                Labels: JurisdictionPath.Labels(r.Path.ToString()));
        }).ToList();

        List<GroupRow> Group(Func<(StatusRow Row, string[] Labels), string?> key, Func<string, string> name) => result
            .GroupBy(key).Where(g => g.Key is not null)
            .Select(g => new GroupRow(g.Key!, name(g.Key!), g.Count(), g.Count(x => x.Row.State is ReturnState.Returned or ReturnState.ReturnedLate),
                g.Count(x => x.Row.State == ReturnState.ReturnedLate), g.Count(x => x.Row.State is ReturnState.Missing or ReturnState.NotSigned)))
            .OrderBy(g => g.Key).ToList();

        return new StatusReport(
            campaign.Name, campaign.CommitmentDueOn, result.Select(r => r.Row).ToList(),
            Group(x => x.Labels.Length >= 5 ? x.Labels[4] : null, k => names.GetValueOrDefault(k, k)),
            Group(x => x.Row.DepartmentName ?? "（未确定行业部门）", k => k),
            Group(x => x.Labels.Length >= 4 ? x.Labels[3] : null, k => names.GetValueOrDefault(k, k)));
    }

    public static string StateName(ReturnState state) => state switch
    {
        ReturnState.Missing => "未填写",
        ReturnState.NotSigned => "未签署",
        ReturnState.Returned => "已报送",
        ReturnState.ReturnedLate => "逾期报送",
        _ => state.ToString(),
    };

    private static async Task<ReceiptDto> ToDtoAsync(AppDbContext db, CommitmentReceipt r, Campaign campaign, CancellationToken ct)
    {
        var subject = await RecordSupport.SubjectNamesAsync(db, [r], ct);
        return new ReceiptDto(r.Id, r.EnterpriseId!.Value, subject(r), r.CampaignCode, campaign.Name, r.DepartmentName, CommitmentReceipt.Text(r.DepartmentName, campaign.PlanTitle),
            r.DueOn, r.IsSigned, r.SignedBy, r.SignedAt, r.SignedOn, r.Late);
    }
}
