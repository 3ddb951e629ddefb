using FluentValidation;
using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Admin;

/// <summary>SystemAdmin creates or edits a unit (government, 安委办, department) in its scope.</summary>
public static class SaveUnit
{
    public sealed class Command
    {
        public Guid? Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public UnitKind Kind { get; set; } = UnitKind.Department;

        public string JurisdictionCode { get; set; } = string.Empty;

        public string? DepartmentType { get; set; }

        public List<string> SectorCodes { get; set; } = [];

        public bool Disabled { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("请填写单位名称").MaximumLength(100).WithMessage("单位名称不超过100字");
            RuleFor(c => c.JurisdictionCode).Must(Jurisdiction.IsValidCode).WithMessage("请选择所属行政区划（12位区划代码）");
            RuleFor(c => c.Kind).NotEqual(UnitKind.Operations).WithMessage("系统运维单位不能在此创建");
            RuleFor(c => c.SectorCodes).Empty().When(c => c.Kind != UnitKind.Department).WithMessage("只有部门可以分管行业领域");
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

            var known = await db.Sectors.Where(s => command.SectorCodes.Contains(s.Code)).Select(s => s.Code).ToListAsync(ct);
            if (known.Count != command.SectorCodes.Distinct().Count())
            {
                return Error.Invalid("sectorCodes", "行业领域代码有误");
            }

            var unit = command.Id is { } id ? await db.Units.SingleOrDefaultAsync(u => u.Id == id, ct) : null;
            if (command.Id is not null && unit is null)
            {
                return Error.NotFound("单位");
            }

            if (await db.Units.AnyAsync(u => u.JurisdictionCode == jurisdiction.Code && u.Name == command.Name.Trim() && u.Id != command.Id, ct))
            {
                return Error.Invalid("name", "同一行政区划下已有同名单位");
            }

            if (unit is null)
            {
                unit = new Unit { Name = command.Name, JurisdictionCode = jurisdiction.Code };
                db.Units.Add(unit);
            }

            unit.Name = command.Name.Trim();
            unit.Kind = command.Kind;
            unit.JurisdictionCode = jurisdiction.Code;
            unit.Path = jurisdiction.Path;
            unit.DepartmentType = command.Kind == UnitKind.Department ? command.DepartmentType?.Trim() : null;
            unit.SectorCodes = [.. command.SectorCodes.Distinct()];
            unit.Disabled = command.Disabled;
            await db.SaveChangesAsync(ct);
            return unit.Id;
        }
    }
}
