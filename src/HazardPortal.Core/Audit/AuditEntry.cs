namespace HazardPortal.Core.Audit;

/// <summary>
/// One line of the append-only audit log: who, which unit, when, what, before/after.
/// The application role may insert and read it; a trigger refuses UPDATE and DELETE for everyone.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public Guid? UserId { get; set; }

    public Guid? UnitId { get; set; }

    /// <summary>e.g. "sign-in.succeeded", "enterprise.created", "user.role-granted".</summary>
    public required string Action { get; set; }

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>JSON of the changed fields before the change.</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the changed fields after the change.</summary>
    public string? After { get; set; }

    public string? IpAddress { get; set; }

    /// <summary>What happened, in Chinese ("解锁账号", "隐患上报"): <see cref="AuditNames.ActionName"/>, written with the row.</summary>
    public string? ActionName { get; set; }

    /// <summary>The affected account or record by name ("jx.lidu", a hazard's title, "民和镇 2023-12"), written with the row.</summary>
    public string? SubjectName { get; set; }

    public string? Detail { get; set; }
}
