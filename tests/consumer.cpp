// consumer.cpp -- the headers compile and link as C++ (extern "C").
#include <cstdio>
#include <cstring>

#include <perfwf.h>

int main()
{
	pwf_clock_info_t info;
	std::memset(&info, 0, sizeof info);
	info.size = sizeof info;
	int rc = pwf_clock_measure(PWF_CLOCK_MONOTONIC, &info);
	if (rc != PWF_OK || !(info.cost_ns > 0))
		return 1;
	if (std::strcmp(pwf_status_name(PWF_ENOMEM), "PWF_ENOMEM") != 0)
		return 2;
	std::printf("libperfwf %s from C++\n", pwf_version_string());
	return 0;
}
