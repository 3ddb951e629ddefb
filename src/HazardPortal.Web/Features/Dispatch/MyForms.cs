using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>Use case: the forms a signed-in user fills.</summary>
public sealed partial class DispatchService
{
    /// <summary>The forms a signed-in user fills: their own unit's, per template they owe or issue.</summary>
    public async Task<List<(string Unit, string Name, string Template, string TemplateName)>> MyFormsAsync(CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        await using var db = await ConnectAsync(ct);
        var own = scope.OwnCode!;
        var ownNode = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == own).Select(j => new { j.Code, j.Name, j.ParentCode }).SingleOrDefaultAsync(ct);
        var known = await reference.GetAsync(portalDb, ct);
        var issues = known.Issues;
        var templates = known.Templates.ToDictionary(t => t.Key, t => t.Value.Name);
        var result = new List<(string, string, string, string)>();
        if (ownNode is null)
        {
            return [];
        }

        if (AccessRules.DepartmentOf(scope) is { } dept)
        {
            foreach (var i in issues.Where(i => i.IssuerJurisdictionCode == own && i.Recipients.HasFlag(Recipients.Departments)))
            {
                result.Add((DispatchForm.DepartmentKey(dept), scope.UnitName, i.TemplateCode, templates[i.TemplateCode]));
            }

            return result;
        }

        foreach (var i in issues.Where(i => i.IssuerJurisdictionCode == ownNode.ParentCode && i.Recipients.HasFlag(Recipients.ChildJurisdictions)))
        {
            result.Add((own, ownNode.Name, i.TemplateCode, templates[i.TemplateCode]));
        }

        foreach (var i in issues.Where(i => i.IssuerJurisdictionCode == own && result.All(r => r.Item3 != i.TemplateCode)))
        {
            result.Add((own, ownNode.Name, i.TemplateCode, templates[i.TemplateCode]));
        }

        return result;
    }
}
