namespace NeuroEngine.Inference.Diagnostics;

/// <summary>Shared argument checks, so every diagnostic rejects bad input the same way (an
/// <see cref="ArgumentException"/> naming the parameter and the bad value) instead of returning NaN.</summary>
internal static class Inputs
{
    /// <summary>Checks a names list: non-null, at least one name, none null; returns its count.</summary>
    public static int Names(IReadOnlyList<string>? names, string param)
    {
        if (names is null) throw new ArgumentNullException(param);
        if (names.Count == 0) throw new ArgumentException($"{param} must name at least one parameter, got none", param);
        for (int j = 0; j < names.Count; j++)
            if (names[j] is null) throw new ArgumentException($"{param}[{j}] is null", param);
        return names.Count;
    }

    /// <summary>Checks a rows x columns table of finite values; <paramref name="rows"/> &lt; 0 accepts any
    /// non-zero number of rows. Returns the row count.</summary>
    public static int Table(double[][]? table, string param, int rows, int columns)
    {
        if (table is null) throw new ArgumentNullException(param);
        if (table.Length == 0) throw new ArgumentException($"{param} is empty (no rows)", param);
        if (rows >= 0 && table.Length != rows)
            throw new ArgumentException($"{param} has {table.Length} rows, expected {rows} (one per row of truth)", param);
        for (int i = 0; i < table.Length; i++)
        {
            var row = table[i] ?? throw new ArgumentException($"{param}[{i}] is null", param);
            if (row.Length != columns)
                throw new ArgumentException($"{param}[{i}] has {row.Length} columns, expected {columns} (one per parameter)", param);
            for (int j = 0; j < columns; j++)
                if (!double.IsFinite(row[j]))
                    throw new ArgumentException($"{param}[{i}][{j}] is {row[j]}; values must be finite", param);
        }
        return table.Length;
    }

    /// <summary>Checks draws[row][draw][parameter]: <paramref name="rows"/> rows, each with the same number
    /// L &gt;= 1 of draws of <paramref name="columns"/> finite values. Returns L.</summary>
    public static int Draws(double[][][]? draws, string param, int rows, int columns)
    {
        if (draws is null) throw new ArgumentNullException(param);
        if (draws.Length != rows)
            throw new ArgumentException($"{param} has {draws.Length} rows, expected {rows} (one per row of truth)", param);
        int l = -1;
        for (int i = 0; i < rows; i++)
        {
            var row = draws[i] ?? throw new ArgumentException($"{param}[{i}] is null", param);
            if (row.Length == 0) throw new ArgumentException($"{param}[{i}] has no draws; every row needs >= 1", param);
            if (l < 0) l = row.Length;
            else if (row.Length != l)
                throw new ArgumentException($"{param}[{i}] has {row.Length} draws but {param}[0] has {l}; every row needs the same number", param);
            for (int d = 0; d < l; d++)
            {
                var draw = row[d] ?? throw new ArgumentException($"{param}[{i}][{d}] is null", param);
                if (draw.Length != columns)
                    throw new ArgumentException($"{param}[{i}][{d}] has {draw.Length} values, expected {columns} (one per parameter)", param);
                for (int j = 0; j < columns; j++)
                    if (!double.IsFinite(draw[j]))
                        throw new ArgumentException($"{param}[{i}][{d}][{j}] is {draw[j]}; values must be finite", param);
            }
        }
        return l;
    }
}
