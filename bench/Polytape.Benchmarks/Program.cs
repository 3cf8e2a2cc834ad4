using BenchmarkDotNet.Running;
using Polytape.Benchmarks.Harness;

// BenchmarkDotNet:   dotnet run -c Release --project bench/Polytape.Benchmarks -- --filter '*'
// Cold universe:     dotnet run -c Release --project bench/Polytape.Benchmarks -- --filter '*ColdUniverse*' --warmupCount 5 --iterationCount 15
// Parse→apply CPU:   dotnet run -c Release --project bench/Polytape.Benchmarks -- apply-cpu [rounds] [round-ms]
// Engine alone:      dotnet run -c Release --project bench/Polytape.Benchmarks -- engine-throughput [seconds] [markets]
// End-to-end rate:   dotnet run -c Release --project bench/Polytape.Benchmarks -- simulator-throughput [rate] [seconds] [markets] [readers]
// Recording:         dotnet run -c Release --project bench/Polytape.Benchmarks -- record-throughput SIMULATOR_URL [seconds] [warmup] [assets-per-connection] [--handoff] [--alloc-types]
// Discovery memory:  dotnet run -c Release --project bench/Polytape.Benchmarks -- discovery-memory SIMULATOR_URL [refreshes]
// Read+normalise:    dotnet run -c Release --project bench/Polytape.Benchmarks -- read-normalise [records] [markets] [passes] [--archive=DIR] [--read-only]
// Store rows/s:      dotnet run -c Release --project bench/Polytape.Benchmarks -- store-throughput STORE [records] [markets] [batch] [loads]
// Envelope CPU:      dotnet run -c Release --project bench/Polytape.Benchmarks -- envelope-cpu [rounds]
// Archive to load:   dotnet run -c Release --project bench/Polytape.Benchmarks -- write-archive DIR [records] [markets]   (then time `polytape load --from DIR`)
if (args.Length > 0 && args[0] == "apply-cpu")
{
    return ApplyCpu.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "read-normalise")
{
    return await ReadNormaliseThroughput.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "store-throughput")
{
    return await StoreThroughput.RunAsync(args[1..]);
}

if (args.Length > 1 && args[0] == "write-archive")
{
    var records = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
    var markets = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 200;
    await SimulatedArchive.WriteAsync(args[1], SimulatedArchive.Records(records, markets));
    return 0;
}

if (args.Length > 0 && args[0] == "discovery-memory")
{
    return await DiscoveryMemory.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "simulator-throughput")
{
    return await SimulatorThroughput.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "record-throughput")
{
    return await RecordThroughput.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "envelope-cpu")
{
    return EnvelopeCpu.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "engine-throughput")
{
    return EngineThroughput.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Polytape.Benchmarks.FrameCorpus).Assembly).Run(args);
return 0;
