namespace HazardPortal.Core.Data;

/// <summary>
/// The tenant rule in PostgreSQL at run time: the application role's grants. The policies, scope
/// functions and triggers are written into the migrations as the SQL they ran (a migration never
/// changes); the migration-schema test and the fitness tests check that every scoped entity's table
/// has the policy with FORCE.
/// </summary>
public static class Rls
{
    public const string PolicyName = "tenant";

    /// <summary>
    /// What the application role may do: data manipulation on every table, but only INSERT and
    /// SELECT on the audit log. Run by the owner after every migration (the role name varies).
    /// </summary>
    public static string GrantApplicationRole(string appRole)
    {
        var role = QuoteIdentifier(appRole);
        return $"""
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {role};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {role};
            """;
    }

    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
