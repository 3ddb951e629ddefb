using FluentValidation;
using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>Register a hazard for an enterprise or a place (SPEC §4.1); one hazard per Idempotency-Key.</summary>
public static class RegisterHazard
{

    public sealed class Handler(PortalDb portalDb, IValidator<NewHazard> validator, TimeProvider clock) : IHazardRegistrar
    {
        async Task<Result<Guid>> IHazardRegistrar.RegisterAsync(NewHazard registration, string idempotencyKey, CancellationToken ct)
        {
            var registered = await HandleAsync(registration, idempotencyKey, ct);
            return registered.Succeeded ? registered.Value!.Id : registered.Error!;
        }

        public async Task<Result<HazardDto>> HandleAsync(NewHazard command, string? idempotencyKey, CancellationToken ct = default)
        {
            var actor = HazardRules.ActorOf(portalDb.Scope);
            var today = ChinaTime.Today(clock);
            if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
            {
                return invalid;
            }

            var kind = command.EnterpriseId is not null ? SubjectKind.Enterprise : SubjectKind.Place;
            if (HazardRules.CanRegisterFor(actor, kind, command.EnterpriseId) is { } refused)
            {
                return refused;
            }

            if (idempotencyKey is { Length: > 100 })
            {
                return Error.Invalid("idempotencyKey", "Idempotency-Key 不超过100个字符");
            }

            await using var db = portalDb.Open();
            var fingerprint = idempotencyKey is null ? null : Fingerprint(command);
            if (idempotencyKey is not null && await ExistingAsync(db, actor, idempotencyKey, fingerprint!, today, ct) is { } replay)
            {
                return replay;
            }

            var subject = kind == SubjectKind.Enterprise
                ? await db.Enterprises.Where(e => e.Id == command.EnterpriseId && !e.Disabled).Select(e => new { e.JurisdictionCode, e.Path, e.SectorCode }).SingleOrDefaultAsync(ct)
                : await db.Places.Where(p => p.Id == command.PlaceId && !p.Disabled).Select(p => new { p.JurisdictionCode, p.Path, p.SectorCode }).SingleOrDefaultAsync(ct);
            if (subject is null)
            {
                return Error.NotFound(kind == SubjectKind.Enterprise ? "企业" : "场所");
            }

            var sector = command.SectorCode ?? subject.SectorCode;
            if (!await db.Sectors.AnyAsync(s => s.Code == sector, ct))
            {
                return Error.Invalid("sectorCode", "行业领域不存在");
            }

            if (command.Basis is { } basis && !await db.Standards.AnyAsync(s => s.Code == basis.StandardCode, ct))
            {
                return Error.Invalid("basis.standardCode", "判定依据须选择已收录的判定标准");
            }

            var selfReported = kind == SubjectKind.Enterprise && command.Title.Length > 0 && await db.Hazards.AnyAsync(
                h => h.EnterpriseId == command.EnterpriseId && h.Source == HazardSource.SelfInspection && h.ReportedOn != null
                     && h.Title == command.Title.Trim() && h.Status != HazardStatus.Voided, ct);
            var registration = new HazardRegistration(
                kind, command.EnterpriseId, command.PlaceId, subject.JurisdictionCode, subject.Path.ToString(), command.Title, command.Description,
                command.Location, sector, command.Grade, command.Source ?? HazardRules.SourceFor(actor) ?? HazardSource.SelfInspection,
                command.Basis?.StandardCode, command.Basis?.Clause, command.FoundOn, command.FoundBy, command.Immediate, command.RectifiedOn,
                command.RectificationDescription, command.Plan ?? new RectificationPlan(), command.ReportedToWorkersCongress, selfReported, idempotencyKey,
                command.AgingEquipment, command.HighRiskEquipment);
            var registered = Hazard.Register(registration, actor, today);
            if (!registered.Succeeded)
            {
                return registered.Error!;
            }

            var hazard = registered.Value!;
            hazard.IdempotencyFingerprint = fingerprint;
            // Routing reads the organisation above the caller (lead departments, the township) through hp_route_units.
            if (hazard.Grade == HazardGrade.Major)
            {
                // 004: the major hazard names its 责任部门 and 验收人 now, from the units it is routed to or the registrant's own.
                var options = await HazardAssignees.ForAsync(db, actor, command.EnterpriseId, subject.Path.ToString(), sector, ct);
                var chosen = HazardAssignees.Resolve(options, command.ResponsibleDepartmentId, command.AcceptingUnitId);
                if (!chosen.Succeeded)
                {
                    return chosen.Error!;
                }

                if (chosen.Value.Acceptor is { } acceptor && hazard.Designate(chosen.Value.Department, acceptor, command.AcceptingPerson) is { } bad)
                {
                    return bad;
                }
            }
            else if (command.ResponsibleDepartmentId is not null || command.AcceptingUnitId is not null)
            {
                return Error.Invalid("acceptingUnitId", "责任部门和验收人只为重大事故隐患指定");
            }

            db.Hazards.Add(hazard);
            if (command.InspectionId is { } inspectionId && await LinkAsync(db, actor, command, inspectionId, hazard, ct) is { } unlinked)
            {
                return unlinked;
            }

            if (hazard.ReportedOn is not null)
            {
                db.HazardRoutes.AddRange(await HazardRouting.RoutesForAsync(db, hazard, ct));
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (command.InspectionId is not null)
            {
                // The inspection was signed or linked by someone else meanwhile: nothing is written; the page keeps the form.
                return Error.Conflict("检查记录刚被他人修改（签名或关联隐患），请重新提交；如已签名，请登记后在更正记录中关联");
            }
            catch (DbUpdateException ex) when (idempotencyKey is not null && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A concurrent request with the same key won the race: answer with its hazard.
                await using var again = portalDb.Open();
                return (await ExistingAsync(again, actor, idempotencyKey, fingerprint!, today, ct))!.Value;
            }

            return await HazardStore.ToDtoAsync(db, hazard, today, ct);
        }

        /// <summary>Links the new hazard to the inspection that found it (<see cref="NewHazard.InspectionId"/>).</summary>
        private static async Task<Error?> LinkAsync(AppDbContext db, HazardActor actor, NewHazard command, Guid inspectionId, Hazard hazard, CancellationToken ct)
        {
            var inspection = await db.Inspections.SingleOrDefaultAsync(i => i.Id == inspectionId, ct);
            if (inspection is null)
            {
                return Error.NotFound("检查记录");
            }

            if (HazardRules.ActingUnitId(actor) != inspection.RecordedByUnitId)
            {
                return Error.Forbidden("只有记录单位可以关联隐患");
            }

            if (inspection.EnterpriseId != command.EnterpriseId || inspection.PlaceId != command.PlaceId)
            {
                return Error.Invalid("inspectionId", "隐患的企业或场所与检查记录的检查对象不一致");
            }

            if (hazard.Status == HazardStatus.Draft)
            {
                return null;
            }

            if (inspection.LinkHazard(hazard.Id) is { } error)
            {
                return error;
            }

            db.Entry(inspection).Property(i => i.HazardIds).IsModified = true;
            return null;
        }

        /// <summary>
        /// The hazard a key already created, for a replay of the same request; a different request under a
        /// used key is refused (422) rather than answered with a hazard that is not the one asked for.
        /// </summary>
        private static async Task<Result<HazardDto>?> ExistingAsync(AppDbContext db, HazardActor actor, string key, string fingerprint, DateOnly today, CancellationToken ct)
        {
            var existing = await db.Hazards.AsNoTracking().SingleOrDefaultAsync(h => h.RegisteredByUserId == actor.UserId && h.IdempotencyKey == key, ct);
            if (existing is null)
            {
                return null;
            }

            return existing.IdempotencyFingerprint is { } stored && stored != fingerprint
                ? Error.Unprocessable("该 Idempotency-Key 已用于另一条不同的登记，请为新的登记使用新的 Idempotency-Key")
                : await HazardStore.ToDtoAsync(db, existing, today, ct);
        }

        private static string Fingerprint(NewHazard command) =>
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(command)));
    }
}
