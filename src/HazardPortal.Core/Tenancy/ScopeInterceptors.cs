using System.Data.Common;
using System.Text.Json;
using HazardPortal.Core.Audit;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HazardPortal.Core.Tenancy;

/// <summary>
/// Hands the context's scope to PostgreSQL whenever EF opens a connection, as the settings the RLS
/// policies read (hp.scope_path, hp.enterprise_id, hp.business, and hp.audit_reader for the Auditor). They are session settings on a
/// pooled physical connection; Npgsql resets session state (DISCARD ALL) before a pooled connection
/// serves its next open, so a scope never carries over (a test proves it). With no scope, every
/// setting is empty and every policy returns nothing.
/// </summary>
public sealed class ScopeConnectionInterceptor : DbConnectionInterceptor
{
    public const string Sql =
        "SELECT set_config('hp.scope_path', @p, false), set_config('hp.enterprise_id', @e, false), set_config('hp.business', @b, false), set_config('hp.audit_reader', @a, false)";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = BuildCommand(connection, eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = BuildCommand(connection, eventData);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand BuildCommand(DbConnection connection, ConnectionEndEventData eventData)
    {
        var scope = (eventData.Context as AppDbContext)?.Scope ?? AccessScope.None;
        var command = connection.CreateCommand();
        command.CommandText = Sql;
        Add(command, "p", scope.Path ?? string.Empty);
        Add(command, "e", scope.EnterpriseId?.ToString() ?? string.Empty);
        Add(command, "b", scope.SeesBusinessRows ? "on" : "off");
        Add(command, "a", scope.ReadsAuditLog ? "on" : "off");
        return command;
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>
/// Closed by default: refuses any SaveChanges without a scope, refuses a write that lands outside the
/// scope, and writes the audit trail (who, unit, when, what, before/after) in the same transaction.
/// It is also the one place that stamps a new row's creation time (<see cref="StampedProperties"/>, when
/// the code left it unset) and an audit entry's time, from the campaign's clock.
/// </summary>
public sealed class ScopeGuardInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>The creation-time properties a new row gets from the clock when nobody set them.</summary>
    public static readonly IReadOnlySet<string> StampedProperties = new HashSet<string> { "CreatedAt", "At", "UploadedAt", "UpdatedAt", "SetAt" };

    public ScopeGuardInterceptor()
        : this(TimeProvider.System)
    {
    }

    // Never in the audit trail: credentials, and file bytes (a photo is audited by its id and size).
    private static readonly HashSet<string> SecretProperties =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedUserName", "NormalizedEmail", "Content"];

    // In the audit trail only as "set": a reporter's identity is for the county 安委办 alone (001: 举报人信息保密),
    // and a query code is the reporter's key.
    private static readonly HashSet<string> ConfidentialProperties = ["ReporterName", "ReporterPhone", "QueryCode"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Guard(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Guard(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Guard(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added))
        {
            foreach (var stamp in added.Properties.Where(p => p.Metadata.ClrType == typeof(DateTimeOffset) && StampedProperties.Contains(p.Metadata.Name)))
            {
                if (stamp.CurrentValue is DateTimeOffset at && at == default)
                {
                    stamp.CurrentValue = now;
                }
            }
        }

        foreach (var manual in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added && e.Entity.ActionName is null))
        {
            var a = manual.Entity;
            a.ActionName = AuditNames.ActionName(a.Action, a.EntityType, AuditNames.Read(a.Before), AuditNames.Read(a.After));
            a.SubjectName ??= a.Action.StartsWith("sign-in.", StringComparison.Ordinal) || a.Action.StartsWith("account.", StringComparison.Ordinal) ? a.Actor : null;
        }

        var scope = db.Scope;
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not AuditEntry)
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }

        if (scope.IsAnonymous)
        {
            throw new ScopeViolationException("A write was attempted with no access scope set.");
        }

        foreach (var entry in entries)
        {
            if (entry.Entity is IScoped scoped)
            {
                CheckInScope(scope, entry, scoped);
            }
        }

        // Autosaved form drafts are scope-checked like everything else but not audited: they are
        // keystrokes, not records, and are replaced every few seconds.
        foreach (var entry in entries.Where(e => e.Entity is not Hazards.FormDraft))
        {
            db.AuditEntries.Add(ToAudit(db, scope, entry, now));
        }
    }

    private static void CheckInScope(AccessScope scope, EntityEntry entry, IScoped scoped)
    {
        var enterpriseOwned = entry.Entity is IEnterpriseOwned;
        var enterpriseId = (entry.Entity as IEnterpriseOwned)?.EnterpriseId;
        if (entry.Entity is Enterprise enterprise)
        {
            enterpriseId = enterprise.Id;
        }

        var business = entry.Entity is IBusinessRow;
        if (!scope.CanSee(scoped.Path.ToString(), enterpriseOwned, enterpriseId, business))
        {
            throw new ScopeViolationException(
                $"{scope.Actor} may not write {entry.Metadata.ClrType.Name} at {scoped.Path} (scope {scope.Path ?? "none"}).");
        }

        if (entry.State == EntityState.Modified && entry.Property(nameof(IScoped.Path)).IsModified)
        {
            var original = entry.Property(nameof(IScoped.Path)).OriginalValue?.ToString() ?? string.Empty;
            if (!scope.Contains(original))
            {
                throw new ScopeViolationException($"{scope.Actor} may not move a row from outside its scope.");
            }
        }
    }

    private static AuditEntry ToAudit(AppDbContext db, AccessScope scope, EntityEntry entry, DateTimeOffset now)
    {
        // An owned part (a hazard's plan or supervision) is audited as part of its owner.
        var ownership = entry.Metadata.FindOwnership();
        var type = ownership is null
            ? entry.Metadata.ClrType.Name
            : $"{ownership.PrincipalEntityType.ClrType.Name}.{ownership.PrincipalToDependent!.Name}";
        var verb = entry.State switch
        {
            EntityState.Added => "created",
            EntityState.Deleted => "deleted",
            _ => "updated",
        };
        var properties = entry.Properties.Where(p => !SecretProperties.Contains(p.Metadata.Name)).ToList();
        Dictionary<string, object?>? before = null;
        Dictionary<string, object?>? after = null;
        switch (entry.State)
        {
            case EntityState.Added:
                after = properties.ToDictionary(p => p.Metadata.Name, p => Plain(p.Metadata, p.CurrentValue));
                break;
            case EntityState.Deleted:
                before = properties.ToDictionary(p => p.Metadata.Name, p => Plain(p.Metadata, p.OriginalValue));
                break;
            default:
                var changed = properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                before = changed.ToDictionary(p => p.Metadata.Name, p => Plain(p.Metadata, p.OriginalValue));
                after = changed.ToDictionary(p => p.Metadata.Name, p => Plain(p.Metadata, p.CurrentValue));
                break;
        }

        // A password is never in the trail, but that it was changed is.
        if (entry.State == EntityState.Modified && entry.Properties.Any(p => p.Metadata.Name == "PasswordHash" && p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
        {
            before!["PasswordHash"] = "（保密）";
            after!["PasswordHash"] = "（已修改）";
        }

        var key = entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString());
        var action = $"{SnakeCase.Convert(type.Replace(".", string.Empty, StringComparison.Ordinal)).Replace('_', '-')}.{verb}";
        return new AuditEntry
        {
            At = now,
            ActionName = AuditNames.ActionName(action, type, Texts(before), Texts(after)),
            SubjectName = SubjectOf(db, entry),
            Actor = scope.Actor,
            UserId = scope.UserId,
            UnitId = scope.UnitId,
            Action = action,
            EntityType = type,
            EntityId = key is null ? null : string.Join(",", key),
            Before = before is null ? null : JsonSerializer.Serialize(before),
            After = after is null ? null : JsonSerializer.Serialize(after),
        };
    }

    private static Dictionary<string, string?>? Texts(Dictionary<string, object?>? values) =>
        values?.ToDictionary(v => v.Key, v => v.Value switch { null => null, DateTimeOffset at => at.ToString("O"), var x => Convert.ToString(x, System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>
    /// The affected record by name: an owned part by its owner (a hazard's supervision by the hazard's title), a role
    /// grant by the account and the role ("jx.minhe.pc9515：乡镇/街道干部"), anything else by its own name.
    /// </summary>
    private static string? SubjectOf(AppDbContext db, EntityEntry entry)
    {
        if (entry.Entity is Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> grant)
        {
            var user = db.Users.Local.FirstOrDefault(u => u.Id == grant.UserId) ?? db.Users.Find(grant.UserId);
            var role = db.Roles.Local.FirstOrDefault(r => r.Id == grant.RoleId) ?? db.Roles.Find(grant.RoleId);
            var roleName = role?.ChineseName ?? role?.Name ?? grant.RoleId.ToString();
            return $"{user?.UserName ?? grant.UserId.ToString()}：{(entry.State == EntityState.Deleted ? "撤销" : string.Empty)}{roleName}";
        }

        var ownership = entry.Metadata.FindOwnership();
        if (ownership is not null)
        {
            var owner = entry.Context.ChangeTracker.Entries().FirstOrDefault(e => e.Metadata == ownership.PrincipalEntityType
                && ownership.PrincipalToDependent is { } nav && ReferenceEquals(e.Navigation(nav.Name).CurrentValue, entry.Entity));
            return owner is null ? null : AuditNames.SubjectName(owner.Entity);
        }

        // A part of a hazard or a form (an event, a photo, a submission) by the record it belongs to, when that is in the same save.
        foreach (var (key, parent) in new[] { ("HazardId", typeof(Hazards.Hazard)), ("FormId", typeof(Dispatch.DispatchForm)) })
        {
            if (entry.Metadata.FindProperty(key) is not null && entry.Property(key).CurrentValue is Guid id)
            {
                var owner = entry.Context.ChangeTracker.Entries().FirstOrDefault(e => e.Entity.GetType() == parent && Equals(e.Property("Id").CurrentValue, id));
                if (owner is not null)
                {
                    return AuditNames.SubjectName(owner.Entity);
                }
            }
        }

        return AuditNames.SubjectName(entry.Entity);
    }

    private static object? Plain(IProperty property, object? value) =>
        value is not null && ConfidentialProperties.Contains(property.Name) ? "（保密）" : Plain(value);

    private static object? Plain(object? value) => value switch
    {
        LTree tree => tree.ToString(),
        Enum e => e.ToString(),
        _ => value,
    };
}

public sealed class ScopeViolationException(string message) : InvalidOperationException(message);
