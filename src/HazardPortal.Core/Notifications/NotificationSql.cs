using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HazardPortal.Core.Notifications;

/// <summary>
/// The notification rules' shared SQL (who holds a role where, how a notification row is written, once per dedupe key)
/// and the 挂牌督办 rule, which both the escalation job and an office's tag apply: the tag notifies at once, in the
/// tagging office's own scope (the hazard, its township's cadres and its enterprise's accounts lie in its subtree).
/// </summary>
public static class NotificationSql
{
    /// <summary>Users holding a role, with their unit (the recipient's node and path come from the unit).</summary>
    public const string Holders = """
        SELECT u.id AS user_id, un.id AS unit_id, un.jurisdiction_code, un.path, un.kind, r.name AS role
        FROM users u JOIN units un ON un.id = u.unit_id JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
        WHERE NOT u.disabled AND NOT un.disabled
        """;

    public const string Insert = "INSERT INTO notifications (id, user_id, path, enterprise_id, kind, title, link, hazard_id, form_id, created_at, dedupe_key)";

    public const string OnConflict = "ON CONFLICT (user_id, dedupe_key) DO NOTHING";

    /// <summary>已挂牌督办 → the township's cadres and the enterprise's accounts.</summary>
    public const string Tagged = $"""
        {Insert}
        SELECT gen_random_uuid(), x.user_id, x.path, x.enterprise_id, 'SupervisionTagged',
               '隐患已被' || h.supervision_unit_name || '挂牌督办：' || h.title || '（' || to_char(h.supervision_deadline, 'MM-DD') || '前完成）',
               '/hazards/' || h.id, h.id, NULL, @now, 'tagged:' || h.id || ':' || h.supervision_tagged_on
        FROM hazards h JOIN (
            SELECT user_id, path, NULL::uuid AS enterprise_id, jurisdiction_code, NULL::uuid AS firm FROM ({Holders}) t WHERE t.role = 'TownshipCadre'
            UNION ALL
            SELECT u.id, e.path, e.id, NULL, e.id FROM users u JOIN enterprises e ON e.id = u.enterprise_id WHERE NOT u.disabled) x
          ON (x.firm IS NULL AND x.jurisdiction_code = h.township_code) OR x.firm = h.enterprise_id
        WHERE h.awaiting_rectification AND h.supervision_tagged_on IS NOT NULL AND h.supervision_removed_on IS NULL AND (@hazard::uuid IS NULL OR h.id = @hazard)
        {OnConflict}
        """;

    /// <summary>Tells the township's cadres and the enterprise's accounts that a hazard has been tagged 挂牌督办 (once per tag).</summary>
    public static Task<int> NotifyTaggedAsync(AppDbContext db, Guid hazardId, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(Tagged, [new NpgsqlParameter("hazard", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = hazardId }, new NpgsqlParameter("now", now)], ct);
}
