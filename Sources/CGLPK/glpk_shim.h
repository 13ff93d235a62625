// Exposes Debian's GLPK (libglpk-dev) to Swift. Only PlacementGLPK/GLPK imports it.
#include <glpk.h>
