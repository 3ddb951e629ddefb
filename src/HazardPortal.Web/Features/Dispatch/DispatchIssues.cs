using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Identity;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>
/// The issuance graph (SPEC §6): who issues which template to whom, with its cutoff days. Everyone
/// sees the issuances at or below their node and the one their node owes; the national office sees the
/// whole graph; only the issuer changes its cutoff days.
/// </summary>
public sealed class DispatchIssues(PortalDb portalDb, DispatchReference reference)
{
    public sealed record IssueDto(Guid Id, string Template, string TemplateName, string IssuerCode, string IssuerName, string Recipients, IReadOnlyList<int> CutoffDays, bool CanEdit);

    public sealed record CutoffCommand(List<int> CutoffDays);

    /// <summary>Issues a template from the caller's own node: to its child jurisdictions and/or its departments.</summary>
    public sealed record IssueCommand(string? Template, List<string>? Recipients, List<int>? CutoffDays);

    public async Task<List<IssueDto>> ListAsync(CancellationToken ct = default)
    {
        var known = await reference.GetAsync(portalDb, ct);
        var scope = portalDb.Scope;
        var parent = scope.ParentCode;
        return known.Issues
            .Where(i => scope.Contains(i.Path.ToString()) || i.IssuerJurisdictionCode == parent)
            .OrderBy(i => i.Path.ToString()).ThenBy(i => i.TemplateCode)
            .Select(i => new IssueDto(i.Id, i.TemplateCode, known.Templates[i.TemplateCode].Name, i.IssuerJurisdictionCode, known.IssuerNames.GetValueOrDefault(i.IssuerUnitId, string.Empty),
                i.Recipients.ToString(), i.CutoffDays, MayEdit(i)))
            .ToList();
    }

    public async Task<Result<IssueDto>> SetCutoffsAsync(Guid id, CutoffCommand command, CancellationToken ct = default)
    {
        var issue = (await ListAsync(ct)).FirstOrDefault(i => i.Id == id) is { } visible
            ? (await reference.GetAsync(portalDb, ct)).Issues.First(i => i.Id == visible.Id)
            : null;
        if (issue is null)
        {
            return Error.NotFound("下发记录");
        }

        var known = await reference.GetAsync(portalDb, ct);

        if (IssuingRules.MayManage(portalDb.Scope, issue) is { } refused)
        {
            return refused;
        }

        var days = (command.CutoffDays ?? []).Distinct().Order().ToList();
        if (days.Count is 0 or > 4 || days.Any(d => d is < 1 or > 31))
        {
            return Error.Invalid("cutoffDays", "截止日为每月1至31日，最多4个");
        }

        await using var db = portalDb.Open();
        var row = await db.DispatchIssues.SingleAsync(i => i.Id == id, ct);
        row.CutoffDays = days;
        await db.SaveChangesAsync(ct);
        reference.Invalidate();
        return new IssueDto(row.Id, row.TemplateCode, known.Templates[row.TemplateCode].Name, row.IssuerJurisdictionCode,
            known.IssuerNames.GetValueOrDefault(row.IssuerUnitId, string.Empty), row.Recipients.ToString(), row.CutoffDays, true);
    }

    /// <summary>
    /// An office (or a township's cadres, to its villages) issues a template to the units below it; one
    /// issuance per template and issuer. The forms follow on their first read.
    /// </summary>
    public async Task<Result<IssueDto>> IssueAsync(IssueCommand command, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        var known = await reference.GetAsync(portalDb, ct);
        if (!IssuingRules.IsIssuer(scope) || scope.UnitId is not { } unitId || scope.Path is not { } path)
        {
            return Error.Forbidden("只有安委办（村、社区调度表由乡镇街道干部）可以下发调度表");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.Template) || !known.Templates.ContainsKey(command.Template))
        {
            errors["template"] = ["请选择调度表模板"];
        }

        var mayAddress = IssuingRules.AllowedRecipients(scope);
        var allowed = Enum.GetValues<Recipients>().Where(r => r != Recipients.None && mayAddress.HasFlag(r)).Select(r => r.ToString()).ToList();
        var named = command.Recipients ?? [];
        if (named.Count == 0 || named.Any(r => !allowed.Contains(r)))
        {
            errors["recipients"] = [mayAddress.HasFlag(Recipients.Departments) ? "下发对象为下级地区（ChildJurisdictions）和/或本级部门（Departments）" : "乡镇街道只能下发给所辖村（社区）（ChildJurisdictions）"];
        }

        var recipients = named.Aggregate(Recipients.None, (all, r) => all | (r == "Departments" ? Recipients.Departments : r == "ChildJurisdictions" ? Recipients.ChildJurisdictions : Recipients.None));

        var days = (command.CutoffDays ?? []).Distinct().Order().ToList();
        if (days.Count is 0 or > 4 || days.Any(d => d is < 1 or > 31))
        {
            errors["cutoffDays"] = ["截止日为每月1至31日，最多4个"];
        }

        if (errors.Count > 0)
        {
            return Error.Invalid(errors);
        }

        // A well-formed request, then the issuing rule: who may issue which template.
        if (IssuingRules.MayIssue(scope, known.Templates[command.Template!]) is { } refused)
        {
            return refused;
        }

        var code = scope.OwnCode!;
        if (known.Issues.Any(i => i.TemplateCode == command.Template && i.IssuerJurisdictionCode == code))
        {
            return Error.Conflict("本单位已下发该调度表，可调整截止日");
        }

        await using var db = portalDb.Open();
        var row = new DispatchIssue
        {
            TemplateCode = command.Template!, IssuerUnitId = unitId, IssuerJurisdictionCode = code, Path = new LTree(path), Recipients = recipients, CutoffDays = days,
        };
        db.DispatchIssues.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Error.Conflict("本单位已下发该调度表，可调整截止日");
        }

        reference.Invalidate();
        return new IssueDto(row.Id, row.TemplateCode, known.Templates[row.TemplateCode].Name, code, scope.UnitName ?? string.Empty, row.Recipients.ToString(), row.CutoffDays, true);
    }

    private bool MayEdit(DispatchIssue issue) => IssuingRules.MayManage(portalDb.Scope, issue) is null;
}
