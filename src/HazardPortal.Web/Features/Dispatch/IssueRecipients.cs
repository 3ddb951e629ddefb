using HazardPortal.Core;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>The units an issuer at a node addresses: its child jurisdictions and/or its departments (forms and deliverables alike).</summary>
public static class IssueRecipients
{
    public sealed record Recipient(string Key, string Name, bool IsDepartment, string Path);

    public static async Task<List<Recipient>> ListAsync(AppDbContext db, string issuerCode, Recipients recipients, CancellationToken ct)
    {
        var units = new List<Recipient>();
        if (recipients.HasFlag(Recipients.ChildJurisdictions))
        {
            units.AddRange((await db.Jurisdictions.AsNoTracking().Where(j => j.ParentCode == issuerCode).OrderBy(j => j.Code).Select(j => new { j.Code, j.Name, j.Path }).ToListAsync(ct))
                .Select(j => new Recipient(j.Code, j.Name, false, j.Path.ToString())));
        }

        if (recipients.HasFlag(Recipients.Departments))
        {
            units.AddRange((await db.Units.AsNoTracking().Where(u => u.JurisdictionCode == issuerCode && u.Kind == UnitKind.Department && !u.Disabled).OrderBy(u => u.Name)
                    .Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct))
                .Select(u => new Recipient(DispatchForm.DepartmentKey(u.Id), u.Name, true, u.Path.ToString())));
        }

        return units;
    }
}
