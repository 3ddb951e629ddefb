using HazardPortal.Core;
using HazardPortal.Core.Audit;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.ReferenceData;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Tree;

/// <summary>
/// An office switches a township's villages on (issue #18 §1): the NBS list's 村（居）委会 of the township become nodes
/// below it, so the township can issue its 调度表 to them and they can be onboarded. The caller must see the township
/// (the tenant filter) and be a 安委办 above it (<see cref="AccessRules.MayAddVillages"/>); the import runs in the
/// caller's own scope (the villages land inside it; nothing outside is read or written) and is audited.
/// </summary>
public sealed class JurisdictionVillages(PortalDb portalDb, DatabaseOptions options, TimeProvider clock, ILogger<JurisdictionVillages> logger)
{
    public sealed record Added(string Code, string Name, int Villages, int New);

    /// <summary>Whether the caller may switch villages on at all (the page shows the button only then).</summary>
    public bool Allowed => AccessRules.MayAddVillages(portalDb.Scope) && !string.IsNullOrEmpty(options.Divisions);

    public async Task<Result<Added>> AddAsync(string code, CancellationToken ct = default)
    {
        if (!Jurisdiction.IsValidCode(code))
        {
            return Error.Invalid("code", "区划代码应为12位数字");
        }

        await using var db = portalDb.Open();
        var node = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == code).Select(j => new { j.Code, j.Name, j.Level, j.RetiredOn }).SingleOrDefaultAsync(ct);
        if (node is null)
        {
            return Error.NotFound("行政区划");
        }

        if (!AccessRules.MayAddVillages(db.Scope))
        {
            return Error.Forbidden("村（社区）由县级及以上安委办为乡镇（街道）接入");
        }

        if (node.Level != JurisdictionLevel.Township || node.RetiredOn is not null)
        {
            return Error.Invalid("code", "只能为现行的乡镇（街道）接入村（社区）");
        }

        if (string.IsNullOrEmpty(options.Divisions))
        {
            return Error.Conflict("本系统未配置统计用区划代码表，无法接入村（社区），请联系系统管理员");
        }

        // The audit row in the import's own transaction: the villages and their record commit together.
        var (outcome, villages) = await DivisionImport.AddVillagesAsync(db, options.Divisions, code, ChinaTime.Today(clock), async imported =>
        {
            db.AuditEntries.Add(new AuditEntry
            {
                Actor = db.Scope.Actor, UserId = db.Scope.UserId, UnitId = db.Scope.UnitId, Action = "jurisdiction.villages-added",
                EntityType = "Jurisdiction", EntityId = code, SubjectName = node.Name,
                After = $"{{\"villages\":{imported.Listed},\"added\":{imported.Added}}}",
            });
            await db.SaveChangesAsync(ct);
        }, ct);
        if (villages == 0)
        {
            return Error.Unprocessable($"统计用区划代码（{DivisionImport.ListYear}年）中没有{node.Name}的村（社区）");
        }

        logger.LogInformation("villages of {Code} switched on by {Actor}: {Villages} listed, {Added} added", code, db.Scope.Actor, villages, outcome.Added);
        return new Added(code, node.Name, villages, outcome.Added);
    }
}
