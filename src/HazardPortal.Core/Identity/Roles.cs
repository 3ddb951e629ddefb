namespace HazardPortal.Core.Identity;

/// <summary>The eight roles of SPEC §1 and the rules about who may hold them.</summary>
public static class Roles
{
    public const string EnterpriseOfficer = nameof(EnterpriseOfficer);
    public const string EnterpriseHead = nameof(EnterpriseHead);
    public const string TownshipCadre = nameof(TownshipCadre);
    public const string DepartmentInspector = nameof(DepartmentInspector);
    public const string SafetyOffice = nameof(SafetyOffice);
    public const string SystemAdmin = nameof(SystemAdmin);
    public const string SecurityAdmin = nameof(SecurityAdmin);
    public const string Auditor = nameof(Auditor);

    public static readonly IReadOnlyList<string> All =
        [EnterpriseOfficer, EnterpriseHead, TownshipCadre, DepartmentInspector, SafetyOffice, SystemAdmin, SecurityAdmin, Auditor];

    /// <summary>三员: separate people; an account holding one of them holds no other role.</summary>
    public static readonly IReadOnlyList<string> Administrative = [SystemAdmin, SecurityAdmin, Auditor];

    public static bool IsAdministrative(string role) => Administrative.Contains(role);

    public static bool IsEnterpriseRole(string role) => role is EnterpriseOfficer or EnterpriseHead;

    public static string ChineseName(string role) => role switch
    {
        EnterpriseOfficer => "企业安全管理人员",
        EnterpriseHead => "企业主要负责人",
        TownshipCadre => "乡镇/街道干部",
        DepartmentInspector => "部门执法人员",
        SafetyOffice => "安委办",
        SystemAdmin => "系统管理员",
        SecurityAdmin => "安全管理员",
        Auditor => "安全审计员",
        _ => role,
    };

    /// <summary>
    /// Whether an account bound to the given unit may hold the role; null when it may, otherwise the
    /// Chinese reason. Enterprise roles need an enterprise; the others need a unit of the matching kind.
    /// </summary>
    public static string? CheckBinding(string role, UnitKind? unitKind, JurisdictionLevel? level, bool boundToEnterprise)
    {
        if (!All.Contains(role))
        {
            return $"未知角色：{role}";
        }

        if (IsEnterpriseRole(role))
        {
            return boundToEnterprise ? null : $"“{ChineseName(role)}”只能授予隶属企业的账号";
        }

        if (boundToEnterprise)
        {
            return $"企业账号不能授予“{ChineseName(role)}”";
        }

        return role switch
        {
            TownshipCadre when unitKind != UnitKind.Government || level is not (JurisdictionLevel.Township or JurisdictionLevel.Village)
                => "“乡镇/街道干部”只能授予乡镇、街道或村（社区）的政府单位账号",
            DepartmentInspector when unitKind != UnitKind.Department => "“部门执法人员”只能授予部门账号",
            SafetyOffice when unitKind != UnitKind.SafetyOffice => "“安委办”角色只能授予安委办账号",
            SystemAdmin or SecurityAdmin or Auditor when unitKind != UnitKind.Operations => "三员角色只能授予系统运维单位的账号",
            _ => null,
        };
    }

    /// <summary>三员分立: null when the set of roles may sit on one account, otherwise the reason.</summary>
    public static string? CheckCombination(IReadOnlyCollection<string> roles)
    {
        var admin = roles.Where(IsAdministrative).ToArray();
        if (admin.Length > 0 && roles.Count > 1)
        {
            return "三员分立：系统管理员、安全管理员、安全审计员不得由同一账号兼任，也不得兼任业务角色";
        }

        return null;
    }
}

/// <summary>Claim types the portal puts into the principal at sign-in.</summary>
public static class PortalClaims
{
    /// <summary>The id of the token pair a sign-in or a refresh issued; a refresh token is accepted once (<see cref="UsedRefreshToken"/>).</summary>
    public const string TokenId = "hp:token_id";

    public const string DisplayName = "hp:display_name";
    public const string UnitId = "hp:unit_id";
    public const string UnitName = "hp:unit_name";
    public const string UnitKind = "hp:unit_kind";
    public const string EnterpriseId = "hp:enterprise_id";
    public const string ScopePath = "hp:scope_path";
    public const string JurisdictionCode = "hp:jurisdiction_code";
    public const string JurisdictionName = "hp:jurisdiction_name";
    public const string JurisdictionLevel = "hp:jurisdiction_level";
    public const string Sector = "hp:sector";
    public const string SecurityStamp = "hp:stamp";
}
