// opbench's implementation of TensorRT's nvinfer1::IProfiler, for per-layer times of whole networks.
//
// Why this exists: the JavaCPP TensorRT preset (org.bytedeco:tensorrt:10.15-1.5.13) maps IProfiler without a
// constructor and with a non-virtual reportLayerTime, so Java cannot implement it. This header implements it in
// C++; org.opbench.backend.tensorrt.ProfilerNative binds the C functions below (JavaCPP builds
// libjniProfilerNative.so from them), and the pointer opbench_trt_profiler_new returns is handed to
// IExecutionContext::setProfiler through the preset's IProfiler(Pointer) cast.
//
// No TensorRT header is needed (none is redistributable on Maven Central or Debian): the class below restates the
// interface's ABI, which TensorRT 8, 9 and 10 define identically (TensorRT 10: NvInferRuntime.h,
// namespace v_1_0, aliased as nvinfer1::IProfiler):
//
//     class IProfiler {
//     public:
//         virtual void reportLayerTime(char const* layerName, float ms) noexcept = 0;
//         virtual ~IProfiler() noexcept {}
//     };
//
// TensorRT only ever calls through the vtable (slot 0 is reportLayerTime), which the restated class reproduces.
// TensorRT calls reportLayerTime once per layer from IExecutionContext::reportToProfiler (or from enqueueV3 when
// the context emits profiles itself), on the calling thread; the collector keeps the records in call order until
// cleared.
#ifndef OPBENCH_TRT_PROFILER_H
#define OPBENCH_TRT_PROFILER_H

#include <string>
#include <vector>

namespace opbench_trt {

// The ABI of nvinfer1::IProfiler (see above).
class ProfilerAbi {
public:
    virtual void reportLayerTime(char const* layerName, float ms) noexcept = 0;
    virtual ~ProfilerAbi() noexcept {}
};

// Records every (layer name, milliseconds) report in call order.
class Collector final : public ProfilerAbi {
public:
    void reportLayerTime(char const* layerName, float ms) noexcept override {
        try {
            names.emplace_back(layerName == nullptr ? "" : layerName);
            times.push_back(ms);
        } catch (...) {
            dropped++; // out of memory: TensorRT's callback must not throw
        }
    }

    std::vector<std::string> names;
    std::vector<float> times;
    int dropped = 0;
};

inline Collector* collector(void* p) {
    return static_cast<Collector*>(static_cast<ProfilerAbi*>(p));
}

} // namespace opbench_trt

// Version of this interface, checked by the Java side so that a stale library is refused with a clear message.
inline int opbench_trt_profiler_abi_version() { return 1; }

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
    return static_cast<int>(opbench_trt::collector(p)->times.size());
}

inline int opbench_trt_profiler_dropped(void* p) {
    return opbench_trt::collector(p)->dropped;
}

// Name of record i; the pointer stays valid until the next clear or free.
inline const char* opbench_trt_profiler_name(void* p, int i) {
    opbench_trt::Collector* c = opbench_trt::collector(p);
    return i < 0 || static_cast<size_t>(i) >= c->names.size() ? nullptr : c->names[static_cast<size_t>(i)].c_str();
}

inline float opbench_trt_profiler_ms(void* p, int i) {
    opbench_trt::Collector* c = opbench_trt::collector(p);
    return i < 0 || static_cast<size_t>(i) >= c->times.size() ? -1.0f : c->times[static_cast<size_t>(i)];
}

inline void opbench_trt_profiler_clear(void* p) {
    opbench_trt::Collector* c = opbench_trt::collector(p);
    c->names.clear();
    c->times.clear();
    c->dropped = 0;
}

// Calls reportLayerTime through the interface's vtable, exactly as TensorRT does: lets the tests check the
// collector and its dispatch on machines without a GPU.
inline void opbench_trt_profiler_report(void* p, const char* layerName, float ms) {
    static_cast<opbench_trt::ProfilerAbi*>(p)->reportLayerTime(layerName, ms);
}

#endif
