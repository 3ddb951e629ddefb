using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>Use cases: record an inspection, edit it before it is signed, amend a signed one (a new version with the reason).</summary>
public sealed partial class Inspections
{
    public async Task<Result<InspectionDto>> CreateAsync(Command command, CancellationToken ct = default)
    {
        if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
        {
            return invalid;
        }

        var scope = portalDb.Scope;
        if (RecordRules.MayRecordInspection(scope, command.Kind) is { } refused)
        {
            return refused;
        }

        await using var db = portalDb.Open();
        var content = await ContentAsync(db, command, ct);
        if (!content.Succeeded)
        {
            return content.Error!;
        }

        var placement = await RecordSupport.PlaceAsync(db, scope, command.EnterpriseId, command.PlaceId, command.TargetJurisdictionCode, ct);
        if (!placement.Succeeded)
        {
            return placement.Error!;
        }

        if (command.Kind == InspectionKind.HeadLed && command.EnterpriseId != scope.EnterpriseId)
        {
            return Error.Forbidden("主要负责人带队检查只能记录本企业的检查");
        }

        var created = Inspection.Create(content.Value!, ChinaTime.Today(clock));
        if (!created.Succeeded)
        {
            return created.Error!;
        }

        var inspection = RecordSupport.Stamp(RecordSupport.At(created.Value!, placement.Value!), scope);
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(db, inspection, ct);
    }

    /// <summary>Changes an unsigned record: only its recording unit, only before the first signature.</summary>
    public async Task<Result<InspectionDto>> EditAsync(Guid id, Command command, CancellationToken ct = default)
    {
        if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
        {
            return invalid;
        }

        await using var db = portalDb.Open();
        var own = await OwnAsync(db, id, "修改检查记录", ct);
        if (!own.Succeeded)
        {
            return own.Error!;
        }

        var inspection = own.Value!;
        if (command.Kind != inspection.Kind || command.EnterpriseId != inspection.EnterpriseId || command.PlaceId != inspection.PlaceId || command.TargetJurisdictionCode != inspection.TargetJurisdictionCode)
        {
            return Error.Invalid("kind", "修改不能改变检查类型和检查对象，请作废后重新记录");
        }

        var content = await ContentAsync(db, command, ct);
        if (!content.Succeeded)
        {
            return content.Error!;
        }

        if (inspection.Edit(content.Value!, ChinaTime.Today(clock)) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(db, inspection, ct);
    }

    /// <summary>Corrects a frozen record with a new one (signed again); the original stays as it was.</summary>
    public async Task<Result<InspectionDto>> AmendAsync(Guid id, Command command, CancellationToken ct = default)
    {
        if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
        {
            return invalid;
        }

        await using var db = portalDb.Open();
        var own = await OwnAsync(db, id, "更正检查记录", ct);
        if (!own.Succeeded)
        {
            return own.Error!;
        }

        var original = own.Value!;
        var content = await ContentAsync(db, command with { EnterpriseId = original.EnterpriseId, PlaceId = original.PlaceId, TargetJurisdictionCode = original.TargetJurisdictionCode }, ct);
        if (!content.Succeeded)
        {
            return content.Error!;
        }

        var amended = original.Amend(content.Value!, command.Reason ?? string.Empty, ChinaTime.Today(clock));
        if (!amended.Succeeded)
        {
            return amended.Error!;
        }

        var amendment = amended.Value!;
        amendment.PlaceAt(original.JurisdictionCode, original.Path.ToString());
        amendment.EnterpriseId = original.EnterpriseId;
        amendment.PlaceId = original.PlaceId;
        RecordSupport.Stamp(amendment, portalDb.Scope);
        db.Inspections.Add(amendment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("该记录刚被他人更正，请刷新后再试");
        }

        return await ToDtoAsync(db, amendment, ct);
    }
}
