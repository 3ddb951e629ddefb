using FluentValidation;
using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HazardPortal.Web.Features.Admin;

/// <summary>SystemAdmin registers or edits an enterprise in its scope.</summary>
public static class SaveEnterprise
{
    /// <summary>The unique index on the credit code (migration Foundation).</summary>
    private const string UsccIndex = "ix_enterprises_uscc";

    public sealed class Command
    {
        public Guid? Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Uscc { get; set; } = string.Empty;

        public string JurisdictionCode { get; set; } = string.Empty;

        public string SectorCode { get; set; } = string.Empty;

        /// <summary>Null: take the sector's default (SPEC §3).</summary>
        public bool? HighRisk { get; set; }

        public SupervisingLevel SupervisingLevel { get; set; } = SupervisingLevel.County;

        public string? Address { get; set; }

        public string? LegalRepresentative { get; set; }

        public string? ContactPhone { get; set; }

        public Guid? ParkId { get; set; }

        public bool AccidentProne { get; set; }

        public bool Disabled { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("请填写企业名称").MaximumLength(200).WithMessage("企业名称不超过200字");
            RuleFor(c => c.Uscc).Custom((code, context) =>
            {
                if (CreditCode.Validate(code) is { } error)
                {
                    context.AddFailure(error);
                }
            });
            RuleFor(c => c.JurisdictionCode).Must(Jurisdiction.IsValidCode).WithMessage("请选择所属行政区划（12位区划代码）");
            RuleFor(c => c.SectorCode).NotEmpty().WithMessage("请选择行业领域");
            RuleFor(c => c.ContactPhone).Matches(@"^[0-9\-+ ]{5,20}$").When(c => !string.IsNullOrEmpty(c.ContactPhone)).WithMessage("联系电话格式不正确");
        }
    }

    public sealed class Handler(PortalDb portalDb, IValidator<Command> validator)
    {
        public async Task<Result<Guid>> HandleAsync(Command command, CancellationToken ct = default)
        {
            if (!AccessRules.IsSystemAdmin(portalDb.Scope))
            {
                return Error.Forbidden();
            }

            command.Uscc = (command.Uscc ?? string.Empty).Trim().ToUpperInvariant();
            if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
            {
                return invalid;
            }

            await using var db = portalDb.Open();
            var jurisdiction = await db.Jurisdictions.SingleOrDefaultAsync(j => j.Code == command.JurisdictionCode, ct);
            if (jurisdiction is null)
            {
                return Error.Invalid("jurisdictionCode", "所属行政区划不存在或不在您的管辖范围内");
            }

            var sector = await db.Sectors.SingleOrDefaultAsync(s => s.Code == command.SectorCode, ct);
            if (sector is null)
            {
                return Error.Invalid("sectorCode", "行业领域不存在");
            }

            if (command.ParkId is { } parkId && !await db.Places.AnyAsync(p => p.Id == parkId && p.IsPark, ct))
            {
                return Error.Invalid("parkId", "所选园区不存在");
            }

            var enterprise = command.Id is { } id ? await db.Enterprises.SingleOrDefaultAsync(e => e.Id == id, ct) : null;
            if (command.Id is not null && enterprise is null)
            {
                return Error.NotFound("企业");
            }

            if (enterprise is null)
            {
                enterprise = new Enterprise { Name = command.Name, Uscc = command.Uscc, JurisdictionCode = jurisdiction.Code, SectorCode = sector.Code };
                db.Enterprises.Add(enterprise);
            }

            enterprise.Name = command.Name.Trim();
            enterprise.Uscc = command.Uscc;
            enterprise.JurisdictionCode = jurisdiction.Code;
            enterprise.Path = jurisdiction.Path;
            enterprise.SectorCode = sector.Code;
            enterprise.HighRisk = command.HighRisk ?? sector.DefaultsEnterpriseToHighRisk;
            enterprise.SupervisingLevel = command.SupervisingLevel;
            enterprise.Address = command.Address?.Trim();
            enterprise.LegalRepresentative = command.LegalRepresentative?.Trim();
            enterprise.ContactPhone = command.ContactPhone?.Trim();
            enterprise.ParkId = command.ParkId;
            enterprise.AccidentProne = command.AccidentProne;
            enterprise.Disabled = command.Disabled;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UsccIndex })
            {
                // The credit code is unique nationally: the unique index sees every row, inside the scope or not, and
                // the refused save writes nothing (one transaction with its audit row). No system scope is opened.
                return Error.Invalid("uscc", "该统一社会信用代码已登记");
            }

            return enterprise.Id;
        }
    }
}
