using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Demo;

/// <summary>
/// The seeded issuance graph (SPEC §6): 进贤县安委办 → 进贤's townships and county departments
/// (JX-COUNTY-2023, 23rd); 红河州安委办 → its counties/cities and prefecture departments, and 蒙自市安委办 →
/// its townships (HH-PREF-2023, 25th); 葛城街道 → its villages and communities (GC-VILLAGE-2023, 30th).
/// </summary>
public static class DemoDispatch
{
    public static async Task SeedIssuesAsync(AppDbContext db, CancellationToken ct = default)
    {
        async Task Issue(string template, string code, string issuerName, Recipients recipients, int cutoff)
        {
            var unit = await db.Units.SingleAsync(u => u.JurisdictionCode == code && u.Name == issuerName, ct);
            db.DispatchIssues.Add(new DispatchIssue
            {
                TemplateCode = template, IssuerUnitId = unit.Id, IssuerJurisdictionCode = code, Path = unit.Path, Recipients = recipients, CutoffDays = [cutoff],
            });
        }

        await Issue(SeededTemplates.JinxianCounty, "360124000000", "进贤县安委办", Recipients.ChildJurisdictions | Recipients.Departments, 23);
        await Issue(SeededTemplates.HonghePrefecture, "532500000000", "红河州安委办", Recipients.ChildJurisdictions | Recipients.Departments, 25);
        await Issue(SeededTemplates.HonghePrefecture, "532503000000", "蒙自市安委办", Recipients.ChildJurisdictions, 25);
        await Issue(SeededTemplates.GechengVillage, "500229001000", "葛城街道办事处", Recipients.ChildJurisdictions, 30);
        await db.SaveChangesAsync(ct);
    }
}
