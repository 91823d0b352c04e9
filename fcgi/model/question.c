/* Questionnaire questions of an issue and their options. */
#include "question.h"
