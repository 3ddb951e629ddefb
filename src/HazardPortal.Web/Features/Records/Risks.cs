using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>重大安全风险管控责任清单 (003): risks per subject with the four lists.</summary>
public sealed class Risks(PortalDb portalDb, TimeProvider clock)
{
    public sealed record Command
    {
        public Guid? EnterpriseId { get; set; }

        public Guid? PlaceId { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public string? SectorCode { get; set; }

        public DateOnly? Date { get; set; }

        public bool BasicList { get; set; }

        public bool ControlList { get; set; }

        public bool ResponsibilityList { get; set; }

        public bool EmergencyList { get; set; }

        public bool AgingEquipment { get; set; }

        public bool HighRiskEquipment { get; set; }

        public uint? Version { get; set; }
    }

    public sealed record RiskDto(
        Guid Id, Guid? EnterpriseId, Guid? PlaceId, string Subject, string Name, string? Description, string SectorCode, DateOnly Date,
        bool BasicList, bool ControlList, bool ResponsibilityList, bool EmergencyList, bool Controlled, bool AgingEquipment, bool HighRiskEquipment,
        string RecordedBy, uint Version);

    public async Task<Result<RiskDto>> CreateAsync(Command command, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (RecordRules.MayKeepRisks(scope) is { } refused)
        {
            return refused;
        }

        if ((command.EnterpriseId is null) == (command.PlaceId is null))
        {
            return Error.Invalid("enterpriseId", "请选择一家企业或一个场所");
        }

        if (scope.EnterpriseId is { } own && command.EnterpriseId != own)
        {
            return Error.Forbidden("企业只能登记本企业的风险");
        }

        var date = command.Date ?? ChinaTime.Today(clock);
        if (Risk.Check(command.Name, date, ChinaTime.Today(clock)) is { } bad)
        {
            return bad;
        }

        if (command.Description is { Length: > 4000 })
        {
            return Error.Invalid("description", "风险描述不超过4000字");
        }

        await using var db = portalDb.Open();
        var placement = await RecordSupport.PlaceAsync(db, scope, command.EnterpriseId, command.PlaceId, null, ct);
        if (!placement.Succeeded)
        {
            return placement.Error!;
        }

        var sector = command.SectorCode ?? (command.EnterpriseId is { } e
            ? await db.Enterprises.Where(x => x.Id == e).Select(x => x.SectorCode).SingleAsync(ct)
            : await db.Places.Where(x => x.Id == command.PlaceId).Select(x => x.SectorCode).SingleAsync(ct));
        if (!await db.Sectors.AnyAsync(s => s.Code == sector, ct))
        {
            return Error.Invalid("sectorCode", "行业领域不存在");
        }

        var risk = new Risk { Name = command.Name!.Trim(), Description = command.Description?.Trim(), SectorCode = sector, On = date };
        Apply(risk, command);
        RecordSupport.Stamp(RecordSupport.At(risk, placement.Value!), scope);
        db.Risks.Add(risk);
        await db.SaveChangesAsync(ct);
        return Map(risk, await RecordSupport.SubjectNamesAsync(db, [risk], ct));
    }

    public async Task<Result<RiskDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var r = await db.Risks.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return r is null ? Error.NotFound("风险") : Map(r, await RecordSupport.SubjectNamesAsync(db, [r], ct));
    }

    /// <summary>Updates the four lists and tags (with the version read; a stale one is 409).</summary>
    public async Task<Result<RiskDto>> UpdateAsync(Guid id, Command command, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (RecordRules.MayKeepRisks(scope) is { } refused)
        {
            return refused;
        }

        await using var db = portalDb.Open();
        var risk = await db.Risks.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (risk is null)
        {
            return Error.NotFound("风险");
        }

        if (command.Version is { } version && version != risk.Version)
        {
            return Error.Conflict("该风险已被他人修改，请刷新后再试");
        }

        Apply(risk, command);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("该风险已被他人修改，请刷新后再试");
        }

        return Map(risk, await RecordSupport.SubjectNamesAsync(db, [risk], ct));
    }

    public async Task<RecordSupport.Page<RiskDto>> ListAsync(RecordSupport.ListFilter filter, bool? controlled, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var query = await RecordSupport.ApplyAsync(db, db.Risks, filter, ct);
        if (controlled is { } c)
        {
            query = c
                ? query.Where(r => r.BasicList && r.ControlList && r.ResponsibilityList && r.EmergencyList)
                : query.Where(r => !(r.BasicList && r.ControlList && r.ResponsibilityList && r.EmergencyList));
        }

        return await RecordSupport.PageAsync(query, filter, async rows =>
        {
            var subject = await RecordSupport.SubjectNamesAsync(db, rows, ct);
            return rows.Select(r => Map(r, subject)).ToList();
        }, ct);
    }

    private static void Apply(Risk risk, Command c)
    {
        risk.BasicList = c.BasicList;
        risk.ControlList = c.ControlList;
        risk.ResponsibilityList = c.ResponsibilityList;
        risk.EmergencyList = c.EmergencyList;
        risk.AgingEquipment = c.AgingEquipment;
        risk.HighRiskEquipment = c.HighRiskEquipment;
    }

    private static RiskDto Map(Risk r, Func<FieldRecord, string> subject) => new(
        r.Id, r.EnterpriseId, r.PlaceId, subject(r), r.Name, r.Description, r.SectorCode, r.On, r.BasicList, r.ControlList, r.ResponsibilityList,
        r.EmergencyList, r.Controlled, r.AgingEquipment, r.HighRiskEquipment, r.RecordedBy, r.Version);
}
