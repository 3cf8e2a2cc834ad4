using System.CommandLine;
using System.CommandLine.Parsing;
using Polytape.Cli.Checking;
using Polytape.Collector.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Cli.Commands;

/// <summary>
/// <c>polytape check FILE...</c>: runs captured market-channel frames through the parser and the book
/// keeper and reports, per asset, how many best bid/ask, hash and snapshot checks passed. Mismatches are
/// findings, not errors: only unreadable input exits non-zero.
/// </summary>
public static class CheckCommand
{
    public const int UnreadableInput = 2;

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE")
        {
            Description = "Capture files: JSON Lines of frames as received, a JSON array of frame strings, or one JSON frame (.gz or .zst allowed).",
            Arity = ArgumentArity.OneOrMore,
        };
        var minOrderSize = new Option<Size>("--min-order-size")
        {
            Description = "The markets' minimum order size, which the book hash covers but WS books do not carry.",
            DefaultValueFactory = _ => Size.Parse("5"),
            CustomParser = ParseSize,
        };
        var negRisk = new Option<bool>("--neg-risk")
        {
            Description = "Whether the markets are neg-risk (hashed, not carried by WS books): true or false.",
        };
        var tickSize = new Option<Price>("--tick-size")
        {
            Description = "Tick size to hash with when a book does not say; by default each venue tick is tried on the first snapshot.",
            DefaultValueFactory = _ => Price.Empty,
            CustomParser = ParsePrice,
        };
        var hashFormat = new Option<BookHashFormat>("--hash-format")
        {
            Description = "Hash field set: auto (calibrated per asset on its first snapshot), v1, v2, v3 or v4.",
            DefaultValueFactory = _ => BookHashFormat.Unknown,
            CustomParser = ParseFormat,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a readable summary." };

        var command = new Command("check", "Verify captured market-channel frames: parse them, rebuild the books and check them against the venue's best bid/ask and hashes.")
        {
            files, minOrderSize, negRisk, tickSize, hashFormat, json,
        };
        command.SetAction(parse =>
        {
            var options = new BookKeeperOptions
            {
                DefaultMinOrderSize = parse.GetValue(minOrderSize),
                DefaultNegRisk = parse.GetValue(negRisk),
                DefaultTickSize = parse.GetValue(tickSize),
                HashFormat = parse.GetValue(hashFormat),
            };
            var output = parse.InvocationConfiguration.Output;
            var check = new CaptureCheck(options);
            try
            {
                foreach (var file in parse.GetValue(files) ?? [])
                {
                    check.Add(file.FullName);
                }
            }
            catch (CaptureUnreadableException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine($"polytape check: {ex.Message}");
                return UnreadableInput;
            }

            check.Complete();
            if (parse.GetValue(json))
            {
                using var buffer = new MemoryStream();
                CheckReportWriter.WriteJson(check, buffer);
                output.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                CheckReportWriter.WriteText(check, output);
            }

            return 0;
        });
        return command;
    }

    private static Size ParseSize(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Size.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out var size) && !size.IsEmpty)
        {
            return size;
        }

        result.AddError($"--min-order-size '{text}' is not a size: give a plain decimal such as 5 or 0.5.");
        return default;
    }

    private static Price ParsePrice(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Price.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out var price) && !price.IsEmpty && price.Units > 0)
        {
            return price;
        }

        result.AddError($"--tick-size '{text}' is not a tick size: give 0.1, 0.01, 0.001 or 0.0001.");
        return default;
    }

    private static BookHashFormat ParseFormat(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.ToLowerInvariant() : string.Empty;
        switch (text)
        {
            case "auto": return BookHashFormat.Unknown;
            case "v1": return BookHashFormat.V1;
            case "v2": return BookHashFormat.V2;
            case "v3": return BookHashFormat.V3;
            case "v4": return BookHashFormat.V4;
            default:
                result.AddError($"--hash-format '{text}' is not known: use auto, v1, v2, v3 or v4.");
                return default;
        }
    }
}
