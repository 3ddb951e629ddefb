using FluentValidation;
using Npgsql;

namespace HazardPortal.Core.Data;

/// <summary>
/// Where the data lives. <see cref="App"/> is the runtime login: a role that owns nothing and lacks
/// BYPASSRLS. <see cref="Owner"/> owns the schema and runs migrations. <see cref="Admin"/>, when set,
/// may create both roles and the database (the portal script's local cluster, or HAZARDPORTAL_DB_ADMIN).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public string? Admin { get; set; }

    public string Owner { get; set; } = string.Empty;

    public string App { get; set; } = string.Empty;

    /// <summary>Create roles and database (needs <see cref="Admin"/>), migrate, grant, seed reference data at start-up.</summary>
    public bool Setup { get; set; } = true;

    /// <summary>Seed the demo accounts and history once (demo mode of ./portal run; never in production).</summary>
    public bool SeedDemo { get; set; }

    /// <summary>
    /// The directory of the NBS division list (data/divisions) to import at start-up as the jurisdiction tree: provinces to
    /// townships, and the villages of the townships that have villages already (issue #18). Empty: the tree stays as the
    /// reference rows of data/jurisdictions.csv made it (the test runs; a deployment that imports the list by itself).
    /// </summary>
    public string? Divisions { get; set; }

    /// <summary>
    /// Where the heavy read-only pages (the dashboard) may read: a connection string for the application role naming the
    /// standby first (<c>Target Session Attributes=prefer-standby</c>; issue #18 §2), on a pool of its own. Empty: they
    /// read where everything else does. A standby whose replay is more than <see cref="MaxReadLagSeconds"/> behind, or
    /// out of reach, is skipped for the primary (<see cref="ReadReplica"/>).
    /// </summary>
    public string? Reads { get; set; }

    /// <summary>How far behind the primary (seconds of replay) a standby may be and still serve the reads.</summary>
    public double MaxReadLagSeconds { get; set; } = 5;

    public sealed class Validator : AbstractValidator<DatabaseOptions>
    {
        public Validator()
        {
            RuleFor(o => o.App).NotEmpty().WithMessage("Database:App (the application role's connection string) is required.")
                .Must(BeParsable).WithMessage("Database:App is not a valid connection string.");
            RuleFor(o => o.Reads).Must(BeParsable).When(o => !string.IsNullOrEmpty(o.Reads)).WithMessage("Database:Reads is not a valid connection string.");
            RuleFor(o => o).Must(o => new NpgsqlConnectionStringBuilder(o.Reads).Username == new NpgsqlConnectionStringBuilder(o.App).Username)
                .When(o => !string.IsNullOrEmpty(o.Reads) && BeParsable(o.Reads) && BeParsable(o.App))
                .WithMessage("Database:Reads must use the application role (row-level security applies to it).");
            RuleFor(o => o.MaxReadLagSeconds).InclusiveBetween(0, 3600).WithMessage("Database:MaxReadLagSeconds must be between 0 and 3600.");
            RuleFor(o => o.Owner).NotEmpty().When(o => o.Setup).WithMessage("Database:Owner is required when Database:Setup is on.")
                .Must(BeParsable).When(o => o.Setup).WithMessage("Database:Owner is not a valid connection string.");
            RuleFor(o => o).Must(o => new NpgsqlConnectionStringBuilder(o.App).Username != new NpgsqlConnectionStringBuilder(o.Owner).Username)
                .When(o => o.Setup && BeParsable(o.App) && BeParsable(o.Owner))
                .WithMessage("The application role must not be the owner role.");
        }

        private static bool BeParsable(string? value)
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(value);
                return !string.IsNullOrEmpty(value);
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
