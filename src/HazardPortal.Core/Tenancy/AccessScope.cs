using System.Security.Claims;

namespace HazardPortal.Core.Tenancy;

/// <summary>
/// What the current actor may see: a subtree of the jurisdiction tree, optionally narrowed to one
/// enterprise, and whether business rows are visible at all. Built once per request or circuit from
/// the signed-in user's claims; the system scope is explicit and named for the audit log.
/// </summary>
public sealed record AccessScope
{
    public const string RootPath = Jurisdiction.RootCode;

    private AccessScope(string? path, Guid? enterpriseId, bool seesBusinessRows, bool isSystem, Guid? userId, string actor, Guid? unitId, IReadOnlyCollection<string>? roles = null)
    {
        Roles = roles ?? [];
        Path = path;
        EnterpriseId = enterpriseId;
        SeesBusinessRows = seesBusinessRows;
        IsSystem = isSystem;
        UserId = userId;
        Actor = actor;
        UnitId = unitId;
    }

    /// <summary>The ltree path of the subtree's root, or null when the scope sees nothing.</summary>
    public string? Path { get; }

    public Guid? EnterpriseId { get; }

    public bool SeesBusinessRows { get; }

    public bool IsSystem { get; }

    public Guid? UserId { get; }

    /// <summary>User name, or "system:&lt;job&gt;" for the system scope. Written to the audit log.</summary>
    public string Actor { get; }

    /// <summary>The acting unit (or enterprise) id, for the audit log.</summary>
    public Guid? UnitId { get; }

    /// <summary>The person's name as records show it (e.g. the 验收人).</summary>
    public string DisplayName { get; private init; } = string.Empty;

    /// <summary>The acting unit's (or enterprise's) name.</summary>
    public string UnitName { get; private init; } = string.Empty;

    public bool IsSet => Path is not null;

    /// <summary>The code of the scope's own node (the last label of its path), or null when the scope sees nothing.</summary>
    public string? OwnCode => Path is null ? null : JurisdictionPath.Code(Path);

    /// <summary>The code of the node above the scope's own, or null for 全国 and for an empty scope.</summary>
    public string? ParentCode => Path is null ? null : JurisdictionPath.ParentCode(Path);

    /// <summary>The level of the scope's own node, or null when the scope sees nothing.</summary>
    public JurisdictionLevel? Level => Path is null ? null : JurisdictionPath.Level(Path);

    /// <summary>The codes from 全国 down to the scope's own node.</summary>
    public IReadOnlyList<string> Chain => Path is null ? [] : JurisdictionPath.Labels(Path);

    /// <summary>An enterprise's officer or head, bound to one enterprise.</summary>
    public bool IsEnterpriseUser => EnterpriseId is not null;

    /// <summary>The user's roles: what they may do inside the scope. Only the rules of <c>Core/Authorization</c> ask them.</summary>
    public IReadOnlyCollection<string> Roles { get; }

    internal bool HasRole(string role) => Roles.Contains(role);

    /// <summary>The audit log is read on the Auditor's path alone (RLS on audit_log, hp.audit_reader).</summary>
    public bool ReadsAuditLog => HasRole(Identity.Roles.Auditor);

    internal bool HasAnyRole(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>No user, no job: every scoped query returns nothing and every write is refused.</summary>
    public static AccessScope None { get; } = new(null, null, false, false, null, "anonymous", null);

    /// <summary>
    /// A named actor that sees no scoped rows but may write unscoped technical rows (the sign-in
    /// path updating failure counts). Never used for business work.
    /// </summary>
    public static AccessScope ActorOnly(string actor, Guid? userId = null) => new(null, null, false, false, userId, actor, null);

    /// <summary>True for <see cref="None"/>: nobody to hold accountable, so nothing may be written.</summary>
    public bool IsAnonymous => ReferenceEquals(this, None);

    /// <summary>The explicit whole-tree scope of a named background job or the seeder.</summary>
    public static AccessScope System(string job)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        return new AccessScope(RootPath, null, true, true, null, "system:" + job, null);
    }

    /// <summary>
    /// The scope of a signed-in user. Business roles see their unit's subtree (an enterprise user only
    /// their enterprise); SystemAdmin and SecurityAdmin see the master data of their unit's subtree but
    /// no business rows; the Auditor sees no scoped rows at all; a user with no role sees nothing.
    /// </summary>
    public static AccessScope ForUser(Guid userId, string userName, IReadOnlyCollection<string> roles, string? unitPath, Guid? unitId, Guid? enterpriseId, string? displayName = null, string? unitName = null) =>
        Build(userId, userName, roles, unitPath, unitId, enterpriseId) with { DisplayName = displayName ?? userName, UnitName = unitName ?? string.Empty };

    private static AccessScope Build(Guid userId, string userName, IReadOnlyCollection<string> roles, string? unitPath, Guid? unitId, Guid? enterpriseId)
    {
        if (roles.Count == 0 || string.IsNullOrEmpty(unitPath))
        {
            return new AccessScope(null, null, false, false, userId, userName, unitId, roles);
        }

        if (roles.Contains(Identity.Roles.Auditor))
        {
            return new AccessScope(null, null, false, false, userId, userName, unitId, roles);
        }

        if (roles.Contains(Identity.Roles.SystemAdmin) || roles.Contains(Identity.Roles.SecurityAdmin))
        {
            return new AccessScope(unitPath, null, false, false, userId, userName, unitId, roles);
        }

        if (roles.Any(Identity.Roles.IsEnterpriseRole))
        {
            // An enterprise role without an enterprise binding must never widen to the township.
            return enterpriseId is null
                ? new AccessScope(null, null, false, false, userId, userName, unitId, roles)
                : new AccessScope(unitPath, enterpriseId, true, false, userId, userName, enterpriseId, roles);
        }

        return new AccessScope(unitPath, null, true, false, userId, userName, unitId, roles);
    }

    public static AccessScope FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return None;
        }

        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!Guid.TryParse(id, out var userId))
        {
            return None;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
        var path = principal.FindFirstValue(Identity.PortalClaims.ScopePath);
        Guid? unitId = Guid.TryParse(principal.FindFirstValue(Identity.PortalClaims.UnitId), out var u) ? u : null;
        Guid? enterpriseId = Guid.TryParse(principal.FindFirstValue(Identity.PortalClaims.EnterpriseId), out var e) ? e : null;
        return ForUser(userId, principal.Identity.Name ?? id, roles, path, unitId, enterpriseId) with
        {
            DisplayName = principal.FindFirstValue(Identity.PortalClaims.DisplayName) ?? principal.Identity.Name ?? id,
            UnitName = principal.FindFirstValue(Identity.PortalClaims.UnitName) ?? string.Empty,
        };
    }

    /// <summary>True when <paramref name="path"/> lies in this scope's subtree (the ltree &lt;@ rule).</summary>
    public bool Contains(string path) =>
        Path is not null && (path == Path || path.StartsWith(Path + ".", StringComparison.Ordinal));

    /// <summary>The whole rule for one row, as the filter and the RLS policies apply it.</summary>
    public bool CanSee(string path, bool enterpriseOwned, Guid? rowEnterpriseId, bool businessRow) =>
        Contains(path)
        && (!businessRow || SeesBusinessRows)
        && (!enterpriseOwned || EnterpriseId is null || rowEnterpriseId == EnterpriseId);
}
