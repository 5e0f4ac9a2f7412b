// opbench's native helpers for TensorRT 10, for what the JavaCPP preset (org.bytedeco:tensorrt:10.15-1.5.13)
// cannot do from Java:
//
// 1. An implementation of nvinfer1::IProfiler, for per-layer times of whole networks. The preset maps IProfiler
//    without a constructor and with a non-virtual reportLayerTime, so Java cannot implement it.
// 2. Deleting the objects TensorRT's factories return. TensorRT 10 removed destroy(); C++ code frees them with
//    `delete`, which the preset does not expose (no deallocator is attached: bytedeco/javacpp-presets#1699).
//
// org.opbench.backend.tensorrt.TrtNative binds the C functions below; JavaCPP builds libjniTrtNative.so from them.
//
// No TensorRT header is needed (none is redistributable on Maven Central or Debian): the two classes below restate
// the ABI of the TensorRT interfaces involved, as TensorRT 10's NvInferRuntime.h / NvInferRuntimeBase.h define them:
//
//     namespace v_1_0 { class IProfiler {                 // nvinfer1::IProfiler
//     public:
//         virtual void reportLayerTime(char const* layerName, float ms) noexcept = 0;
//         virtual ~IProfiler() noexcept {}
//     }; }
//
//     class INoCopy {                                     // base of IBuilder, IBuilderConfig, INetworkDefinition,
//     protected:                                          // IHostMemory, ITimingCache, IRuntime, ICudaEngine,
//         INoCopy() = default;                            // IExecutionContext, IEngineInspector, ...
//         virtual ~INoCopy() = default;                   // (their only virtual function: every API method is a
//         ...                                             // non-virtual wrapper over an mImpl pointer)
//     };
//
// TensorRT calls the profiler through its vtable (slot 0 is reportLayerTime); `delete` on an INoCopy-derived object
// calls the deleting destructor through the vtable (the only virtual function, so slot 1 under the Itanium C++
// ABI), which is what `delete engine;` does in C++. Objects that are not INoCopy-derived (nvonnxparser::IParser,
// whose destructor follows its other virtual functions) and objects TensorRT owns (IOptimizationProfile, tensors,
// layers) must never be passed to opbench_trt_delete.
#ifndef OPBENCH_TRT_H
#define OPBENCH_TRT_H

#include <string>
#include <utility>
#include <vector>

namespace opbench_trt {

// The ABI of nvinfer1::IProfiler (see above).
class ProfilerAbi {
public:
    virtual void reportLayerTime(char const* layerName, float ms) noexcept = 0;
    virtual ~ProfilerAbi() noexcept {}
};

// The ABI of nvinfer1::INoCopy (see above).
class NoCopyAbi {
public:
    virtual ~NoCopyAbi() noexcept = default;
};

// Records every (layer name, milliseconds) report in call order.
class Collector final : public ProfilerAbi {
public:
    void reportLayerTime(char const* layerName, float ms) noexcept override {
        try {
            records.emplace_back(layerName == nullptr ? "" : layerName, ms);
        } catch (...) {
            dropped++; // out of memory: TensorRT's callback must not throw
        }
    }

    std::vector<std::pair<std::string, float>> records;
    int dropped = 0;
};

inline Collector* collector(void* p) {
    return static_cast<Collector*>(static_cast<ProfilerAbi*>(p));
}

} // namespace opbench_trt

// Version of this interface, checked by the Java side so that a stale library is refused with a clear message.
inline int opbench_trt_abi_version() { return 2; }

// A new collector, as the IProfiler* TensorRT expects (the base subobject, at offset 0). Null when out of memory.
inline void* opbench_trt_profiler_new() {
    try {
        return static_cast<opbench_trt::ProfilerAbi*>(new opbench_trt::Collector());
    } catch (...) {
        return nullptr;
    }
}

inline void opbench_trt_profiler_free(void* p) {
    delete static_cast<opbench_trt::ProfilerAbi*>(p);
}

inline int opbench_trt_profiler_count(void* p) {
    return static_cast<int>(opbench_trt::collector(p)->records.size());
}

inline int opbench_trt_profiler_dropped(void* p) {
    return opbench_trt::collector(p)->dropped;
}

// Name of record i; the pointer stays valid until the next clear or free.
inline const char* opbench_trt_profiler_name(void* p, int i) {
    opbench_trt::Collector* c = opbench_trt::collector(p);
    return i < 0 || static_cast<size_t>(i) >= c->records.size() ? nullptr
                                                                 : c->records[static_cast<size_t>(i)].first.c_str();
}

inline float opbench_trt_profiler_ms(void* p, int i) {
    opbench_trt::Collector* c = opbench_trt::collector(p);
    return i < 0 || static_cast<size_t>(i) >= c->records.size() ? -1.0f : c->records[static_cast<size_t>(i)].second;
}

inline void opbench_trt_profiler_clear(void* p) {
    opbench_trt::Collector* c = opbench_trt::collector(p);
    c->records.clear();
    c->dropped = 0;
}

// Calls reportLayerTime through the interface's vtable, exactly as TensorRT does: lets the tests check the
// collector and its dispatch on machines without a GPU.
inline void opbench_trt_profiler_report(void* p, const char* layerName, float ms) {
    static_cast<opbench_trt::ProfilerAbi*>(p)->reportLayerTime(layerName, ms);
}

// Deletes an INoCopy-derived TensorRT object (`delete object;` in C++). Null is ignored.
inline void opbench_trt_delete(void* object) {
    delete static_cast<opbench_trt::NoCopyAbi*>(object);
}

namespace opbench_trt {
// An INoCopy-shaped object of opbench's own, for testing opbench_trt_delete without TensorRT: its destructor
// counts, so a test can see the deleting destructor run through the vtable.
class DeleteProbe final : public NoCopyAbi {
public:
    explicit DeleteProbe(int* counter) : counter(counter) {}
    ~DeleteProbe() noexcept override { ++*counter; }
private:
    int* counter;
};
inline int& deleteProbeCount() {
    static int count = 0;
    return count;
}
} // namespace opbench_trt

// A DeleteProbe as the void* opbench_trt_delete takes, and the number of probes deleted so far (tests only).
inline void* opbench_trt_delete_probe_new() {
    return static_cast<opbench_trt::NoCopyAbi*>(new opbench_trt::DeleteProbe(&opbench_trt::deleteProbeCount()));
}

inline int opbench_trt_delete_probe_count() { return opbench_trt::deleteProbeCount(); }

#endif
