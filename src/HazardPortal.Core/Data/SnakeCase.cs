using System.Text;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Data;

/// <summary>
/// snake_case names for tables, columns, keys and indexes, so hand-written SQL (RLS policies,
/// metric queries) reads naturally. EFCore.NamingConventions is not served here; this is its core.
/// </summary>
public static class SnakeCase
{
    public static string Convert(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var prevLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextLower = i > 0 && i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]);
                if (prevLower || nextLower)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    public static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            // A type stored as JSON inside its owner's column keeps camelCase JSON keys, no columns.
            if (entity.IsMappedToJson())
            {
                foreach (var property in entity.GetProperties().Where(p => !p.IsKey() && !p.IsShadowProperty()))
                {
                    property.SetJsonPropertyName(char.ToLowerInvariant(property.Name[0]) + property.Name[1..]);
                }

                continue;
            }

            var table = entity.GetTableName();
            if (table is not null && table.Any(char.IsUpper))
            {
                entity.SetTableName(ToTable(entity.ClrType.Name));
            }

            // An owned type shares its owner's table: prefix its columns with the navigation name
            // (plan_deadline, supervision_deadline) and leave its key on the owner's key column.
            var ownership = entity.FindOwnership();
            var prefix = ownership is null ? string.Empty : Convert(ownership.PrincipalToDependent!.Name) + "_";
            foreach (var property in entity.GetProperties())
            {
                if (ownership is not null && property.IsPrimaryKey())
                {
                    continue;
                }

                property.SetColumnName(prefix + Convert(property.Name));
            }

            foreach (var key in entity.GetKeys().Where(_ => ownership is null))
            {
                key.SetName(Convert(key.GetName()!));
            }

            foreach (var fk in entity.GetForeignKeys())
            {
                fk.SetConstraintName(Convert(fk.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(Convert(index.GetDatabaseName()!));
            }
        }
    }

    private static string ToTable(string typeName)
    {
        var snake = Convert(typeName);
        return snake.EndsWith('y') && !snake.EndsWith("ay", StringComparison.Ordinal) ? snake[..^1] + "ies" : snake + "s";
    }
}
