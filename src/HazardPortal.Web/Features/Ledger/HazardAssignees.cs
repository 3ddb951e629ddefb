using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>
/// 004 (淮北市): a major hazard names its 责任部门 and 验收人 when it is registered. The choices are the units the
/// hazard is routed to — the sector's lead department(s) and the township's government — and the registrant's own
/// unit (谁检查、谁签名、谁负责). Defaults: the first lead department is the 责任部门; the accepting unit is the
/// registrant's own unit for an official, the lead department (else the township) for an enterprise's own report.
/// </summary>
public static class HazardAssignees
{
    /// <summary>A unit that may be named, with why (牵头部门, 属地乡镇, 登记单位).</summary>
    public sealed record Option(Guid Id, string Name, string Role);

    public sealed record Options(IReadOnlyList<Option> Departments, IReadOnlyList<Option> Acceptors, Guid? DefaultDepartmentId, Guid? DefaultAcceptorId);

    /// <summary>The choices for a hazard of this enterprise or place (and sector), as the registration form offers them.</summary>
    public static async Task<Result<Options>> QueryAsync(PortalDb portalDb, Guid? enterpriseId, Guid? placeId, string? sectorCode, CancellationToken ct)
    {
        if ((enterpriseId is null) == (placeId is null))
        {
            return Error.Invalid("enterpriseId", "请选择一家企业或一个场所");
        }

        await using var db = portalDb.Open();
        var subject = enterpriseId is not null
            ? await db.Enterprises.Where(e => e.Id == enterpriseId && !e.Disabled).Select(e => new { e.Path, e.SectorCode }).SingleOrDefaultAsync(ct)
            : await db.Places.Where(p => p.Id == placeId && !p.Disabled).Select(p => new { p.Path, p.SectorCode }).SingleOrDefaultAsync(ct);
        if (subject is null)
        {
            return Error.NotFound(enterpriseId is not null ? "企业" : "场所");
        }

        var sector = string.IsNullOrEmpty(sectorCode) ? subject.SectorCode : sectorCode;
        if (sector.Length > 64 || !await db.Sectors.AnyAsync(s => s.Code == sector, ct))
        {
            return Error.Invalid("sectorCode", "行业领域不存在");
        }

        return await ForAsync(db, HazardRules.ActorOf(portalDb.Scope), enterpriseId, subject.Path.ToString(), sector, ct);
    }

    public static async Task<Options> ForAsync(AppDbContext db, HazardActor actor, Guid? enterpriseId, string path, string sectorCode, CancellationToken ct)
    {
        var routed = await HazardRouting.UnitsForAsync(db, enterpriseId, path, sectorCode, ct);
        var departments = routed.Where(u => u.Kind == RouteKind.LeadDepartment).Select(u => new Option(u.Id, u.Name, "牵头部门")).ToList();
        var acceptors = routed.Select(u => new Option(u.Id, u.Name, u.Kind == RouteKind.LeadDepartment ? "牵头部门" : "属地乡镇")).ToList();
        Guid? own = null;
        if (HazardRules.OwnAcceptingUnit(actor) is { } unit)
        {
            own = unit;
            if (acceptors.All(a => a.Id != unit))
            {
                acceptors.Add(new Option(unit, actor.UnitName, "登记单位"));
            }

            if (HazardRules.MayNameSelfResponsible(actor) && departments.All(d => d.Id != unit))
            {
                departments.Add(new Option(unit, actor.UnitName, "登记单位"));
            }
        }

        return new Options(departments, acceptors, departments.FirstOrDefault()?.Id, own ?? acceptors.FirstOrDefault()?.Id);
    }

    /// <summary>The registrant's choice checked against the options (or the defaults), as the hazard records it.</summary>
    public static Result<(HazardAssignee? Department, HazardAssignee? Acceptor)> Resolve(Options options, Guid? departmentId, Guid? acceptorId)
    {
        var department = departmentId is { } d ? options.Departments.FirstOrDefault(o => o.Id == d) : options.Departments.FirstOrDefault(o => o.Id == options.DefaultDepartmentId);
        if (departmentId is not null && department is null)
        {
            return Error.Invalid("responsibleDepartmentId", "责任部门须为该行业领域的牵头部门或登记部门");
        }

        var acceptor = acceptorId is { } a ? options.Acceptors.FirstOrDefault(o => o.Id == a) : options.Acceptors.FirstOrDefault(o => o.Id == options.DefaultAcceptorId);
        if (acceptorId is not null && acceptor is null)
        {
            return Error.Invalid("acceptingUnitId", "验收单位须为牵头部门、属地乡镇或登记单位");
        }

        return (department is null ? null : new HazardAssignee(department.Id, department.Name), acceptor is null ? null : new HazardAssignee(acceptor.Id, acceptor.Name));
    }
}
