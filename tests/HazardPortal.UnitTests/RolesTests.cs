using HazardPortal.Core;
using HazardPortal.Core.Identity;

namespace HazardPortal.UnitTests;

public class RolesTests
{
    [Theory]
    [InlineData("SystemAdmin,Auditor")]
    [InlineData("SecurityAdmin,SystemAdmin")]
    [InlineData("Auditor,SafetyOffice")]
    public void Administrative_roles_never_share_an_account(string roles) =>
        Assert.NotNull(Roles.CheckCombination(roles.Split(',')));

    [Theory]
    [InlineData("SystemAdmin")]
    [InlineData("EnterpriseOfficer,EnterpriseHead")]
    [InlineData("")]
    public void Other_combinations_are_allowed(string roles) =>
        Assert.Null(Roles.CheckCombination(roles.Split(',', StringSplitOptions.RemoveEmptyEntries)));

    [Theory]
    [InlineData(Roles.TownshipCadre, UnitKind.Government, JurisdictionLevel.Township, false, true)]
    [InlineData(Roles.TownshipCadre, UnitKind.Government, JurisdictionLevel.Village, false, true)]
    [InlineData(Roles.TownshipCadre, UnitKind.Government, JurisdictionLevel.County, false, false)]
    [InlineData(Roles.DepartmentInspector, UnitKind.Department, JurisdictionLevel.County, false, true)]
    [InlineData(Roles.DepartmentInspector, UnitKind.SafetyOffice, JurisdictionLevel.County, false, false)]
    [InlineData(Roles.SafetyOffice, UnitKind.SafetyOffice, JurisdictionLevel.Prefecture, false, true)]
    [InlineData(Roles.EnterpriseOfficer, null, null, true, true)]
    [InlineData(Roles.EnterpriseOfficer, UnitKind.Government, JurisdictionLevel.Township, false, false)]
    [InlineData(Roles.SafetyOffice, null, null, true, false)]
    [InlineData(Roles.SystemAdmin, UnitKind.Operations, JurisdictionLevel.National, false, true)]
    [InlineData(Roles.Auditor, UnitKind.SafetyOffice, JurisdictionLevel.National, false, false)]
    public void A_role_must_fit_the_account_binding(string role, UnitKind? kind, JurisdictionLevel? level, bool enterprise, bool allowed) =>
        Assert.Equal(allowed, Roles.CheckBinding(role, kind, level, enterprise) is null);

    [Fact]
    public void Every_role_has_a_Chinese_name() =>
        Assert.All(Roles.All, r => Assert.NotEqual(r, Roles.ChineseName(r)));
}
