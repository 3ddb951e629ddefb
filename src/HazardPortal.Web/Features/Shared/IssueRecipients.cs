using HazardPortal.Core;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Shared;

/// <summary>The units an issuer at a node addresses: its child jurisdictions and/or its departments (forms and deliverables alike).</summary>
public static class IssueRecipients
{
    public sealed record Recipient(string Key, string Name, bool IsDepartment, string Path);

    /// <summary>A recipient as a query row, so callers can join their own rows (forms, uploads) in the same statement.</summary>
    public sealed class Row
    {
        public required string Key { get; init; }

        public required string Name { get; init; }

        public bool IsDepartment { get; init; }

        public LTree Path { get; init; }
    }

    /// <summary>The recipients in their display order: child jurisdictions by code, then departments by name.</summary>
    public static IQueryable<Row> Query(AppDbContext db, string issuerCode, Recipients recipients)
    {
        var jurisdictions = db.Jurisdictions.AsNoTracking()
            .Where(j => recipients.HasFlag(Recipients.ChildJurisdictions) && j.ParentCode == issuerCode).Onboarded(db)
            .Select(j => new Row { Key = j.Code, Name = j.Name, IsDepartment = false, Path = j.Path });
        var departments = db.Units.AsNoTracking()
            .Where(u => recipients.HasFlag(Recipients.Departments) && u.JurisdictionCode == issuerCode && u.Kind == UnitKind.Department && !u.Disabled)
            .Select(u => new Row { Key = "dept:" + u.Id.ToString(), Name = u.Name, IsDepartment = true, Path = u.Path });
        return jurisdictions.Concat(departments);
    }

    public static async Task<List<Recipient>> ListAsync(AppDbContext db, string issuerCode, Recipients recipients, CancellationToken ct) =>
        (await Query(db, issuerCode, recipients).ToListAsync(ct))
        .Select(r => new Recipient(r.Key, r.Name, r.IsDepartment, r.Path.ToString()))
        .OrderBy(r => r.IsDepartment).ThenBy(r => r.IsDepartment ? r.Name : r.Key, StringComparer.Ordinal).ToList();
}
