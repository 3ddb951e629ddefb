using FluentValidation;
using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Admin;

/// <summary>SystemAdmin registers or edits a place (场所) in its scope.</summary>
public static class SavePlace
{
    public sealed class Command
    {
        public Guid? Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public string JurisdictionCode { get; set; } = string.Empty;

        public string SectorCode { get; set; } = string.Empty;

        public string? Address { get; set; }

        public bool IsPark { get; set; }

        public decimal? CapacityKw { get; set; }

        public Guid? EnterpriseId { get; set; }

        public bool Disabled { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("请填写场所名称").MaximumLength(200).WithMessage("场所名称不超过200字");
            RuleFor(c => c.JurisdictionCode).Must(Jurisdiction.IsValidCode).WithMessage("请选择所属行政区划（12位区划代码）");
            RuleFor(c => c.SectorCode).NotEmpty().WithMessage("请选择行业领域");
            RuleFor(c => c.CapacityKw).GreaterThan(0).When(c => c.CapacityKw is not null).WithMessage("装机容量须大于0（千瓦）");
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

            if (!await db.Sectors.AnyAsync(s => s.Code == command.SectorCode, ct))
            {
                return Error.Invalid("sectorCode", "行业领域不存在");
            }

            if (command.EnterpriseId is { } e && !await db.Enterprises.AnyAsync(x => x.Id == e, ct))
            {
                return Error.Invalid("enterpriseId", "运营企业不存在或不在您的管辖范围内");
            }

            var place = command.Id is { } id ? await db.Places.SingleOrDefaultAsync(p => p.Id == id, ct) : null;
            if (command.Id is not null && place is null)
            {
                return Error.NotFound("场所");
            }

            if (place is null)
            {
                place = new Place { Name = command.Name, JurisdictionCode = jurisdiction.Code, SectorCode = command.SectorCode };
                db.Places.Add(place);
            }

            place.Name = command.Name.Trim();
            place.JurisdictionCode = jurisdiction.Code;
            place.Path = jurisdiction.Path;
            place.SectorCode = command.SectorCode;
            place.Address = command.Address?.Trim();
            place.IsPark = command.IsPark;
            place.CapacityKw = command.CapacityKw;
            place.EnterpriseId = command.EnterpriseId;
            place.Disabled = command.Disabled;
            await db.SaveChangesAsync(ct);
            return place.Id;
        }
    }
}
