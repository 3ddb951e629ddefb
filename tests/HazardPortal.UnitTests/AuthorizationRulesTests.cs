using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.UnitTests;

/// <summary>
/// Issue #15 §1: every "may this user do X to this resource" is one rule of <c>Core/Authorization</c>; these tests ask each
/// rule who may and who may not, per role and per level of the user's node.
/// </summary>
public class AuthorizationRulesTests
{
    private const string National = "000000000000";
    private const string Prefecture = National + ".530000000000.532500000000";
    private const string County = National + ".360000000000.360100000000.360124000000";
    private const string Township = County + ".360124100000";
    private const string Village = Township + ".360124100001";
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly Guid Firm = Guid.NewGuid();

    private static AccessScope As(string role, string path, Guid? enterprise = null) =>
        AccessScope.ForUser(Guid.NewGuid(), "u", [role], path, Unit, enterprise ?? (Roles.IsEnterpriseRole(role) ? Firm : null));

    private static DispatchTemplate Template(params JurisdictionLevel[] levels) => new() { Code = "T", Name = "表", IssuedAt = [.. levels] };

    [Fact]
    public void The_scope_reads_its_own_code_parent_and_level_from_its_path()
    {
        var scope = As(Roles.TownshipCadre, Township);
        Assert.Equal("360124100000", scope.OwnCode);
        Assert.Equal("360124000000", scope.ParentCode);
        Assert.Equal(JurisdictionLevel.Township, scope.Level);
        Assert.Equal(5, scope.Chain.Count);
        Assert.Equal(JurisdictionLevel.National, As(Roles.SafetyOffice, National).Level);
        Assert.Null(As(Roles.SafetyOffice, National).ParentCode);
        Assert.Equal(JurisdictionLevel.Village, As(Roles.TownshipCadre, Village).Level);
        Assert.Null(AccessScope.None.OwnCode);
        Assert.Null(AccessScope.None.Level);
        Assert.Equal(JurisdictionLevel.Prefecture, JurisdictionPath.Level(Prefecture));
        Assert.Equal("532500000000", JurisdictionPath.Code(Prefecture));
        Assert.Equal("530000000000", JurisdictionPath.CodeAt(Prefecture, 2));
        Assert.Null(JurisdictionPath.CodeAt(Prefecture, 4));
    }

    [Fact]
    public void An_office_at_any_level_and_a_township_s_cadre_issue_nobody_else_does()
    {
        Assert.True(IssuingRules.IsIssuer(As(Roles.SafetyOffice, County)));
        Assert.True(IssuingRules.IsIssuer(As(Roles.SafetyOffice, Prefecture)));
        Assert.True(IssuingRules.IsIssuer(As(Roles.TownshipCadre, Township)));
        Assert.False(IssuingRules.IsIssuer(As(Roles.TownshipCadre, Village))); // a village has nobody to issue to
        Assert.False(IssuingRules.IsIssuer(As(Roles.DepartmentInspector, County)));
        Assert.False(IssuingRules.IsIssuer(As(Roles.EnterpriseOfficer, Township)));
        Assert.False(IssuingRules.IsIssuer(As(Roles.SystemAdmin, County)));
        Assert.True(IssuingRules.IssuesTasks(As(Roles.SafetyOffice, Prefecture)));
        Assert.False(IssuingRules.IssuesTasks(As(Roles.TownshipCadre, Township))); // 003 附件3 is an office's checklist
        Assert.Equal(Recipients.ChildJurisdictions, IssuingRules.AllowedRecipients(As(Roles.TownshipCadre, Township)));
        Assert.Equal(Recipients.ChildJurisdictions | Recipients.Departments, IssuingRules.AllowedRecipients(As(Roles.SafetyOffice, County)));
    }

    [Fact]
    public void A_template_is_issued_only_at_the_levels_its_document_addresses()
    {
        var county = Template(JurisdictionLevel.County); // 001: 进贤县安委办 to its townships and departments
        Assert.Null(IssuingRules.MayIssue(As(Roles.SafetyOffice, County), county));
        var township = IssuingRules.MayIssue(As(Roles.TownshipCadre, Township), county); // jx.minhe with JX-COUNTY-2023
        Assert.Equal(ErrorKind.Forbidden, township!.Kind);
        Assert.Contains("县（市、区）安委办", township.Title, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.Forbidden, IssuingRules.MayIssue(As(Roles.SafetyOffice, Prefecture), county)!.Kind);
        Assert.Equal(ErrorKind.Forbidden, IssuingRules.MayIssue(As(Roles.DepartmentInspector, County), county)!.Kind);

        var relayed = Template(JurisdictionLevel.Prefecture, JurisdictionLevel.County); // 003 附件1, relayed by 蒙自市安委办
        Assert.Null(IssuingRules.MayIssue(As(Roles.SafetyOffice, Prefecture), relayed));
        Assert.Null(IssuingRules.MayIssue(As(Roles.SafetyOffice, County), relayed));
        Assert.NotNull(IssuingRules.MayIssue(As(Roles.TownshipCadre, Township), relayed));

        var village = Template(JurisdictionLevel.Township); // 002 附件2: 葛城街道 to its villages
        Assert.Null(IssuingRules.MayIssue(As(Roles.TownshipCadre, Township), village));
        Assert.NotNull(IssuingRules.MayIssue(As(Roles.SafetyOffice, County), village));
        Assert.Contains("未规定", IssuingRules.MayIssue(As(Roles.SafetyOffice, County), Template())!.Title, StringComparison.Ordinal);
        Assert.All(SeededTemplates.All, t => Assert.NotEmpty(t.IssuedAt)); // every seeded template says who issues it
    }

    [Fact]
    public void Only_the_issuer_manages_an_issuance()
    {
        var issue = new DispatchIssue { IssuerJurisdictionCode = "360124000000", Path = new LTree(County) };
        Assert.Null(IssuingRules.MayManage(As(Roles.SafetyOffice, County), issue));
        Assert.NotNull(IssuingRules.MayManage(As(Roles.DepartmentInspector, County), issue)); // a department at the issuer's node
        Assert.NotNull(IssuingRules.MayManage(As(Roles.TownshipCadre, Township), issue));    // a recipient
        Assert.NotNull(IssuingRules.MayManage(As(Roles.SafetyOffice, Prefecture), issue));   // an office above
        var villages = new DispatchIssue { IssuerJurisdictionCode = "360124100000", Path = new LTree(Township) };
        Assert.Null(IssuingRules.MayManage(As(Roles.TownshipCadre, Township), villages));
        Assert.NotNull(IssuingRules.MayManage(As(Roles.TownshipCadre, Village), villages));
    }

    [Fact]
    public void A_unit_fills_its_own_form_a_township_its_villages_and_a_department_only_its_own()
    {
        var office = As(Roles.SafetyOffice, County);
        Assert.Null(DispatchRules.MayFill(office, null, County));
        Assert.NotNull(DispatchRules.MayFill(office, null, Township)); // the township's own cadres fill it
        Assert.NotNull(DispatchRules.MayFill(As(Roles.SafetyOffice, Prefecture), null, County));

        var cadre = As(Roles.TownshipCadre, Township);
        Assert.Null(DispatchRules.MayFill(cadre, null, Township));
        Assert.Null(DispatchRules.MayFill(cadre, null, Village));
        Assert.NotNull(DispatchRules.MayFill(cadre, null, County + ".360124101000")); // the next township

        var department = As(Roles.DepartmentInspector, County);
        Assert.Null(DispatchRules.MayFill(department, Unit, County));
        Assert.NotNull(DispatchRules.MayFill(department, Guid.NewGuid(), County));
        Assert.NotNull(DispatchRules.MayFill(department, null, County));
        Assert.NotNull(DispatchRules.MayFill(As(Roles.EnterpriseOfficer, Township), null, Township));

        Assert.Null(DispatchRules.MayRead(department, Unit));
        Assert.Equal(ErrorKind.NotFound, DispatchRules.MayRead(department, Guid.NewGuid())!.Kind); // another department's form does not exist for it
        Assert.Null(DispatchRules.MayRead(office, Guid.NewGuid()));
        Assert.Equal(ErrorKind.Forbidden, DispatchRules.MayRead(As(Roles.EnterpriseHead, Township), null)!.Kind);
    }

    [Fact]
    public void A_unit_owes_what_its_parent_issues_to_child_jurisdictions_and_a_department_what_its_node_issues_to_departments()
    {
        Assert.True(DispatchRules.Owes(As(Roles.TownshipCadre, Township), "360124000000", Recipients.ChildJurisdictions));
        Assert.False(DispatchRules.Owes(As(Roles.TownshipCadre, Township), "360124000000", Recipients.Departments));
        Assert.True(DispatchRules.Owes(As(Roles.DepartmentInspector, County), "360124000000", Recipients.Departments));
        Assert.False(DispatchRules.Owes(As(Roles.DepartmentInspector, County), "360100000000", Recipients.Departments));
        Assert.False(DispatchRules.Owes(As(Roles.EnterpriseOfficer, Township), "360124000000", Recipients.ChildJurisdictions));
        Assert.Equal(DispatchForm.DepartmentKey(Unit), DispatchRules.UnitKeyOf(As(Roles.DepartmentInspector, County)));
        Assert.Equal("360124100000", DispatchRules.UnitKeyOf(As(Roles.TownshipCadre, Township)));
    }

    [Fact]
    public void Records_are_kept_by_the_roles_the_campaign_gives_them()
    {
        foreach (var (role, path) in new[] { (Roles.SafetyOffice, County), (Roles.TownshipCadre, Township) })
        {
            Assert.Null(RecordRules.MayKeepLeadership(As(role, path), "组织领导活动"));
        }

        Assert.NotNull(RecordRules.MayKeepLeadership(As(Roles.DepartmentInspector, County), "组织领导活动"));
        Assert.NotNull(RecordRules.MayKeepLeadership(As(Roles.EnterpriseHead, Township), "组织领导活动"));
        Assert.Null(RecordRules.MayKeepRisks(As(Roles.EnterpriseOfficer, Township)));
        Assert.NotNull(RecordRules.MayKeepRisks(As(Roles.SystemAdmin, County)));
        Assert.Null(RecordRules.MayKeepProblems(As(Roles.DepartmentInspector, County)));
        Assert.NotNull(RecordRules.MayKeepProblems(As(Roles.EnterpriseOfficer, Township)));

        Assert.Equal(Enum.GetValues<EnforcementKind>().Length, RecordRules.EnforcementKinds(As(Roles.DepartmentInspector, County)).Count);
        var office = RecordRules.EnforcementKinds(As(Roles.SafetyOffice, County));
        Assert.Contains(EnforcementKind.Accountability, office);
        Assert.DoesNotContain(EnforcementKind.Penalty, office);
        Assert.Contains("由执法部门记录", RecordRules.MayRecordEnforcement(As(Roles.SafetyOffice, County), EnforcementKind.Penalty)!.Title, StringComparison.Ordinal);
        Assert.Empty(RecordRules.EnforcementKinds(As(Roles.TownshipCadre, Township)));

        Assert.True(RecordRules.IsHeadOf(As(Roles.EnterpriseHead, Township), Firm));
        Assert.False(RecordRules.IsHeadOf(As(Roles.EnterpriseHead, Township), Guid.NewGuid()));
        Assert.False(RecordRules.IsHeadOf(As(Roles.EnterpriseOfficer, Township), Firm));
    }

    [Fact]
    public void Public_reports_go_to_the_county_office_and_checks_to_a_township_s_cadres()
    {
        Assert.Null(RecordRules.MayHandlePublicReports(As(Roles.SafetyOffice, County)));
        Assert.NotNull(RecordRules.MayHandlePublicReports(As(Roles.SafetyOffice, Prefecture)));
        Assert.NotNull(RecordRules.MayHandlePublicReports(As(Roles.DepartmentInspector, County)));
        Assert.Equal("360124100000", RecordRules.CheckingTownship(As(Roles.TownshipCadre, Township)));
        Assert.Null(RecordRules.CheckingTownship(As(Roles.TownshipCadre, Village)));
        Assert.Null(RecordRules.CheckingTownship(As(Roles.SafetyOffice, County)));
    }

    [Fact]
    public void The_administrative_roles_see_their_own_areas_and_no_bell()
    {
        Assert.True(AccessRules.IsSystemAdmin(As(Roles.SystemAdmin, County)));
        Assert.False(AccessRules.IsSystemAdmin(As(Roles.SafetyOffice, County)));
        Assert.True(AccessRules.IsSecurityAdmin(As(Roles.SecurityAdmin, County)));
        Assert.True(AccessRules.IsAuditor(As(Roles.Auditor, County)));
        Assert.False(AccessRules.GetsNotifications(As(Roles.Auditor, County)));
        Assert.True(AccessRules.GetsNotifications(As(Roles.TownshipCadre, Township)));
        Assert.True(AccessRules.IsGovernment(As(Roles.DepartmentInspector, County)));
        Assert.False(AccessRules.IsGovernment(As(Roles.EnterpriseOfficer, Township)));
        Assert.True(AccessRules.IsCountyOffice(As(Roles.SafetyOffice, County)));
        Assert.False(AccessRules.IsCountyOffice(As(Roles.SafetyOffice, Prefecture)));
        Assert.Null(HazardRules.CanReadSupervisionList(As(Roles.DepartmentInspector, County)));
        Assert.NotNull(HazardRules.CanReadSupervisionList(As(Roles.EnterpriseOfficer, Township)));
    }
}
