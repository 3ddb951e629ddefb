using System.Security.Claims;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;

namespace HazardPortal.UnitTests;

public class AccessScopeTests
{
    private const string County = "000000000000.360000000000.360100000000.360124000000";
    private const string Township = County + ".360124100000";
    private static readonly Guid User = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly Guid Firm = Guid.NewGuid();

    [Theory]
    [InlineData(Roles.SafetyOffice)]
    [InlineData(Roles.DepartmentInspector)]
    [InlineData(Roles.TownshipCadre)]
    public void Government_roles_see_business_rows_of_their_subtree(string role)
    {
        var scope = AccessScope.ForUser(User, "u", [role], County, Unit, null);
        Assert.Equal(County, scope.Path);
        Assert.True(scope.SeesBusinessRows);
        Assert.Null(scope.EnterpriseId);
        Assert.True(scope.Contains(Township));
        Assert.True(scope.Contains(County));
        Assert.False(scope.Contains("000000000000.360000000000.360100000000.360121000000"));
        Assert.False(scope.Contains("000000000000.360000000000.360100000000"));
    }

    [Theory]
    [InlineData(Roles.EnterpriseOfficer)]
    [InlineData(Roles.EnterpriseHead)]
    public void Enterprise_roles_see_only_their_enterprise(string role)
    {
        var scope = AccessScope.ForUser(User, "u", [role], Township, Firm, Firm);
        Assert.Equal(Firm, scope.EnterpriseId);
        Assert.True(scope.CanSee(Township, enterpriseOwned: true, Firm, businessRow: true));
        Assert.False(scope.CanSee(Township, enterpriseOwned: true, Guid.NewGuid(), businessRow: true));
        Assert.False(scope.CanSee(Township, enterpriseOwned: true, null, businessRow: true));
    }

    [Fact]
    public void An_enterprise_role_without_an_enterprise_sees_nothing()
    {
        var scope = AccessScope.ForUser(User, "u", [Roles.EnterpriseOfficer], Township, Unit, null);
        Assert.False(scope.IsSet);
        Assert.False(scope.CanSee(Township, false, null, false));
    }

    [Theory]
    [InlineData(Roles.SystemAdmin)]
    [InlineData(Roles.SecurityAdmin)]
    public void Admins_see_master_data_but_no_business_rows(string role)
    {
        var scope = AccessScope.ForUser(User, "u", [role], "000000000000", Unit, null);
        Assert.True(scope.CanSee(Township, enterpriseOwned: true, Firm, businessRow: false));
        Assert.False(scope.CanSee(Township, enterpriseOwned: true, Firm, businessRow: true));
    }

    [Fact]
    public void The_auditor_sees_no_scoped_rows()
    {
        var scope = AccessScope.ForUser(User, "u", [Roles.Auditor], "000000000000", Unit, null);
        Assert.False(scope.IsSet);
        Assert.False(scope.CanSee("000000000000", false, null, false));
        Assert.True(Core.Authorization.AccessRules.IsAuditor(scope));
    }

    [Fact]
    public void A_user_without_roles_sees_nothing() =>
        Assert.False(AccessScope.ForUser(User, "u", [], County, Unit, null).IsSet);

    [Fact]
    public void Nobody_signed_in_is_the_anonymous_none_scope()
    {
        Assert.True(AccessScope.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity())).IsAnonymous);
        Assert.False(AccessScope.None.IsSet);
    }

    [Fact]
    public void The_system_scope_is_named_and_sees_the_whole_tree()
    {
        var scope = AccessScope.System("escalation");
        Assert.Equal("system:escalation", scope.Actor);
        Assert.True(scope.IsSystem);
        Assert.True(scope.CanSee(Township, true, Firm, true));
    }

    [Fact]
    public void A_principal_with_portal_claims_yields_its_scope()
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, User.ToString()),
            new Claim(ClaimTypes.Name, "jx.minhe"),
            new Claim(ClaimTypes.Role, Roles.TownshipCadre),
            new Claim(PortalClaims.ScopePath, Township),
            new Claim(PortalClaims.UnitId, Unit.ToString()),
        ], "test", ClaimTypes.Name, ClaimTypes.Role);
        var scope = AccessScope.FromPrincipal(new ClaimsPrincipal(identity));
        Assert.Equal(Township, scope.Path);
        Assert.Equal("jx.minhe", scope.Actor);
        Assert.Equal(Unit, scope.UnitId);
    }

    [Fact]
    public void A_path_that_merely_shares_a_prefix_is_not_in_the_subtree()
    {
        var scope = AccessScope.ForUser(User, "u", [Roles.SafetyOffice], "000000000000.36", Unit, null);
        Assert.False(scope.Contains("000000000000.360000000000"));
    }
}
